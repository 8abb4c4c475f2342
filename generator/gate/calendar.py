"""The gate for the programme calendar (.ics): events and their times, nothing that acts.

A calendar a school imports can carry alarms that run a procedure or send e-mail, attached
files, and addresses; the exporter writes none of them, so any is a finding.
"""

from __future__ import annotations

import re

from icalendar import Calendar

#: The parts the exporter writes: the calendar, its events and the London time zone.
COMPONENTS = frozenset({"VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"})
#: Properties that fetch, attach or send something.
REFUSED = frozenset({"ATTACH", "ATTENDEE", "ORGANIZER", "CONFERENCE", "IMAGE", "SOURCE"})
_WEB = re.compile(r"(?i)^(https?|mailto):")


def check_ics(data: bytes) -> list[str]:
    """Findings in one calendar file."""
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        return [f"not a calendar file the exporter writes: {error}"]
    findings = []
    for component in calendar.walk():
        if component.name not in COMPONENTS:
            findings.append(f"a part the exporter does not write: {component.name}")
        for name, value in component.property_items(recursive=False):
            if name in REFUSED:
                findings.append(f"a property the exporter does not write: {name}")
            elif name == "URL" and not _WEB.match(str(value)):
                findings.append(f"an address '{str(value)[:40]}' that is not the web or e-mail")
    return sorted(set(findings))
