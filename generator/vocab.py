"""The controlled lists editors choose from, with the labels readers see."""

from __future__ import annotations

ROLES = {
    "headteacher": "Headteacher",
    "senior-leader": "Senior leader",
    "middle-leader": "Middle leader",
    "improvement-champion": "Improvement champion",
    "peer-reviewer": "Peer reviewer",
    "governor": "Governor or trustee",
}

EVIDENCE_SOURCES = {
    "pupil-data": "Pupil attainment and progress data",
    "lesson-visits": "Lesson visits",
    "work-scrutiny": "Scrutiny of pupils' work",
    "pupil-voice": "Pupil voice",
    "staff-voice": "Staff voice",
    "parent-voice": "Parent and carer voice",
    "governor-records": "Governing board records",
    "leadership-documents": "Leadership documents and plans",
    "curriculum-plans": "Curriculum plans",
    "learning-walks": "Learning walks",
    "cpd-records": "Professional development records",
    "attendance-and-behaviour-records": "Attendance and behaviour records",
    "case-studies": "Case studies of individual pupils",
    "partnership-records": "Partnership records",
}

ACTIVITY_TYPES = {
    "presentation": "Presentation",
    "discussion": "Discussion",
    "paired-work": "Paired work",
    "group-task": "Group task",
    "case-study": "Case study",
    "role-play": "Role play",
    "practical": "Practical",
    "reflection": "Reflection",
    "plenary": "Plenary",
    "break": "Break",
}

FRAMEWORK_STATUSES = ("draft", "published", "retired")
DAY_KINDS = {"leadership": "Leadership training", "impact-support": "Impact support"}
BREAK_KINDS = {"morning": "Morning break", "lunch": "Lunch", "afternoon": "Afternoon break"}
WINDOW_KINDS = {
    "self-review": "Self-review",
    "peer-review": "Peer reviews",
    "improvement-workshop": "Improvement workshops",
    "impact-check": "Impact check",
}
