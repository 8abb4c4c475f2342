"""A book-like download as pandoc Markdown plus the cover details its templates read."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.images import Picture
from generator.model.objects import Programme
from generator.model.wording import Wording, wording
from generator.render.markdown import autolink, metadata_block, plain


@dataclass(frozen=True)
class Cover:
    """What the cover of every download says about where it comes from."""

    organisation: str
    edition: str
    licence: str
    date: str
    language: str
    words: Wording = field(default_factory=lambda: wording({}))

    @classmethod
    def of(cls, programme: Programme, date: str) -> Cover:
        """The cover details of a programme's downloads, dated `date`, and its wording."""
        return cls(
            organisation=programme.organisation,
            edition=programme.edition,
            licence=programme.licence,
            date=date,
            language=programme.language,
            words=programme.wording,
        )


@dataclass(frozen=True)
class Source:
    """Where a document printed from one web page comes from: programme and page address."""

    programme: str
    address: str = ""

    def metadata(self) -> dict[str, object]:
        """The template variables that switch the PDF to a title block and source footer."""
        values: dict[str, object] = {"programme": self.programme, "title-block": True}
        if self.address:
            values["address"] = autolink(self.address)
        return values


@dataclass(frozen=True)
class Document:
    """A download pandoc typesets: a title, a cover and a pandoc Markdown body."""

    title: str
    kind: str
    cover: Cover
    body: str
    subtitle: str = ""
    toc: bool = True
    toc_depth: int = 2
    break_level: int = 1
    images: tuple[Picture, ...] = ()
    #: The writing space, in mm, of each empty cell of its fill-in tables (0: about a line).
    write_in_mm: int = 0
    #: In a whole book, the words before a cross-reference's page number ("see page"); links
    #: to other chapters then point at their headings and print their page.
    see_page: str = ""
    #: In a chapter printed alone, each other chapter a link may point to: (chapter id, title,
    #: web address); the link prints "(title, address)" after its words.
    elsewhere: tuple[tuple[str, str, str], ...] = ()
    #: A document printed from one web page opens with a title block, not a cover page,
    #: and names its programme and web address on every page.
    source: Source | None = None
    #: A sheet whose tables are set a touch smaller and closer than a running order's.
    dense_tables: bool = False

    def markdown(self, target: str = "typst") -> str:
        """The whole document as pandoc Markdown for `target` ("typst" or "docx")."""
        cover = self.cover
        values: dict[str, object] = {"title": self.title}
        if self.subtitle:
            values["subtitle"] = self.subtitle
        values |= {
            "author": cover.organisation,
            "lang": cover.language,
            "toc-title": cover.words.contents,
        }
        if self.write_in_mm:
            values["write-in-mm"] = str(self.write_in_mm)
        if self.see_page:
            values["xref-see"] = self.see_page
        if self.elsewhere:
            # Escaped, so pandoc reads each back as exactly its text.
            values["xref-chapters"] = {
                id: {"title": plain(title), "address": plain(address)}
                for id, title, address in self.elsewhere
            }
        if target == "typst":
            values |= {
                "kind": self.kind,
                "edition": cover.edition,
                "organisation": cover.organisation,
                "date": cover.date,
                "licence": cover.licence,
                "break-level": self.break_level,
            }
            if self.source is not None:
                values |= self.source.metadata()
            if self.dense_tables:
                values["dense-tables"] = "true"
        else:
            # Word's cover is pandoc's title block, which has no edition line of its own.
            values["date"] = f"{cover.words.edition} {cover.edition}, {cover.date}"
        return metadata_block(values) + "\n" + self.body


def pictures_of(*groups: tuple[Picture, ...]) -> tuple[Picture, ...]:
    """The pictures of several chapters or handouts, each once, in order of first use."""
    return tuple({p.name: p for group in groups for p in group}.values())
