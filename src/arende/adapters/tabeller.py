"""The database tables (SQLModel). The database is the record of truth; Prefect is not.

Lists of names are stored as JSON text: they are read and written whole, never queried by
element, and the same column type works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class NamndRad(SQLModel, table=True):
    __tablename__ = "namnd"
    id: int | None = Field(default=None, primary_key=True)
    namn: str = Field(unique=True, max_length=200)
    diarieprefix: str = Field(max_length=20)
    forvaltning: str = Field(max_length=200)
    protokoll_forvaras: str = Field(default="", max_length=300)  # named in the anslag
    sammantradeslokal: str = Field(default="", max_length=300)  # named in the kallelse
    ledamoter: str | None = Field(default=None, sa_column=Column(Text))  # JSON list
    delegationsordning: str | None = Field(default=None, sa_column=Column(Text))  # JSON list


class PersonRad(SQLModel, table=True):
    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    namn: str = Field(unique=True, max_length=200)
    titel: str = Field(default="", max_length=200)
    telefon: str = Field(default="", max_length=100)
    epost: str = Field(default="", max_length=200)
    avdelning: str = Field(default="", max_length=200)
    namnd_id: int | None = Field(default=None, foreign_key="namnd.id")


class PersonRollRad(SQLModel, table=True):
    __tablename__ = "person_roll"
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    roll: str = Field(primary_key=True, max_length=40)


class UtmarkelsearRad(SQLModel, table=True):
    __tablename__ = "utmarkelsear"
    ar: int = Field(primary_key=True)
    klasser: str = Field(sa_column=Column(Text, nullable=False))  # JSON list
    inbjudan: date | None = None
    sista_dag: date | None = None
    utdelning: date | None = None
    utdelningsplats: str | None = Field(default=None, max_length=200)
    mottagare: str = Field(default="Stadsledningskontoret", max_length=200)


class DiarieserieRad(SQLModel, table=True):
    """The last number used per diarium (prefix) and year; locked while a number is taken."""

    __tablename__ = "diarieserie"
    prefix: str = Field(primary_key=True, max_length=20)
    ar: int = Field(primary_key=True)
    senaste: int = 0


class ArendeRad(SQLModel, table=True):
    __tablename__ = "arende"
    __table_args__ = (UniqueConstraint("diarieprefix", "diarie_ar", "lopnummer"),)
    id: int | None = Field(default=None, primary_key=True)
    dnr: str = Field(unique=True, max_length=40)
    diarieprefix: str = Field(max_length=20)
    diarie_ar: int
    lopnummer: int
    arendetyp: str = Field(max_length=40)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)
    handlaggare_id: int = Field(foreign_key="person.id", index=True)
    titel: str = Field(max_length=300)
    registreringsdatum: date
    skede: str = Field(max_length=40, index=True)
    omgang: int = 1
    sista_dag: date | None = None
    planerat_sammantrade: date
    foreslagen_omedelbar_justering: bool = False
    sammantrade: date | None = None
    samverkan_datum: date | None = None
    samverkan_anteckning: str | None = Field(default=None, sa_column=Column(Text))
    faststallt_datum: date | None = None
    faststallt_av: str | None = Field(default=None, sa_column=Column(Text))  # JSON list
    forslag: str | None = Field(default=None, sa_column=Column(Text))  # JSON list, fastställt
    justering_datum: date | None = None
    justering_ordforande: str | None = Field(default=None, max_length=200)
    justerare: str | None = Field(default=None, sa_column=Column(Text))  # JSON list
    justering_omedelbar: bool | None = None
    anslagsdatum: date | None = None
    expedieringsdatum: date | None = None
    expediering_mottagare: str | None = Field(default=None, sa_column=Column(Text))  # JSON
    avslutsdatum: date | None = None
    # The lifecycle of its type when it was registered, and the answers to the type's forms
    # (JSON); empty for ärenden from before types, which followed the standard lifecycle.
    livscykel: str | None = Field(default=None, sa_column=Column(Text))
    uppgifter: str | None = Field(default=None, sa_column=Column(Text))
    # The ärendemening's sekretess marking and the form anyone may see (schema 0015).
    # Indexed: the public search finds the few marked ärenden its words match through it.
    offentlig_titel: str | None = Field(default=None, max_length=300, index=True)
    titel_sekretess_grund: str | None = Field(default=None, max_length=120)
    titel_sekretess_datum: date | None = None
    titel_sekretess_av: str | None = Field(default=None, max_length=200)
    # The key of the request that registered it (the Prefect flow run): a replay finds it.
    idempotensnyckel: str | None = Field(default=None, unique=True, max_length=100)
    skapad: datetime
    andrad: datetime


class SammantradeRad(SQLModel, table=True):
    """A sammanträde of a nämnd. Its decisions are rows of `beslut`; the meeting itself
    (dagordningar, närvaro, paragrafer, signaturer, anslag) is one aggregate, stored whole
    as JSON and read and written whole under the row's lock."""

    __tablename__ = "sammantrade"
    __table_args__ = (UniqueConstraint("namnd_id", "datum"),)
    id: int | None = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id")
    datum: date
    status: str | None = Field(default=None, max_length=40)
    data: str | None = Field(default=None, sa_column=Column(Text))
    # The highest § it used (its Val av justerare has no row in `beslut`).
    hogsta_paragraf: int | None = None
    protokoll_fil: str | None = Field(default=None, max_length=300)
    protokoll_sha256: str | None = Field(default=None, max_length=64)


class AnslagRad(SQLModel, table=True):
    """A notice on the digital anslagstavla, written when the system published it; never
    changed. The public site shows it from `anslaget` until the day before `ned`, then
    keeps it in the archive."""

    __tablename__ = "anslag"
    id: int | None = Field(default=None, primary_key=True)
    slag: str = Field(max_length=60)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)
    sammantrade: date
    justerad: date
    paragrafer: str = Field(max_length=2000)  # JSON list of §-numbers
    anslaget: date = Field(index=True)
    publicerad: datetime
    overklagande_slut: date
    ned: date = Field(index=True)
    forvaras: str = Field(max_length=300)
    i_efterhand: bool = False


class BeslutRad(SQLModel, table=True):
    """A paragraf of the nämnd's protokoll. Numbers run through the nämnd's year."""

    __tablename__ = "beslut"
    __table_args__ = (UniqueConstraint("namnd_id", "ar", "paragraf"),)
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    sammantrade_id: int = Field(foreign_key="sammantrade.id")
    namnd_id: int = Field(foreign_key="namnd.id")
    ar: int
    paragraf: int
    utfall: str = Field(max_length=40)
    omedelbar_justering: bool = False
    beslutstext: str = Field(default="", sa_column=Column(Text, nullable=False))
    omgang: int = 1


class HandlingRad(SQLModel, table=True):
    """A registered document of an ärende, numbered within it; the file is fixed by sha256."""

    __tablename__ = "handling"
    __table_args__ = (
        UniqueConstraint("arende_id", "nummer", "version"),
        UniqueConstraint("arende_id", "nyckel", name="uq_handling_arende_nyckel"),
    )
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    nummer: int
    version: int = 1
    typ: str = Field(max_length=60)
    riktning: str = Field(max_length=20)  # inkommande, utgående, upprättad
    titel: str = Field(max_length=300)
    datum: date
    motpart: str | None = Field(default=None, max_length=200)
    sekretess: bool = False
    fil: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    upprattad_av: str = Field(max_length=200)
    registrerad: datetime
    # The step key that produced this version: a replayed step finds it and makes no other.
    nyckel: str | None = Field(default=None, max_length=200)
    last: bool = False  # a fastställd handling is locked: a change makes a new version
    mall: str = Field(default="", max_length=200)
    pdf_fil: str | None = Field(default=None, max_length=500)
    pdf_sha256: str | None = Field(default=None, max_length=64)
    flodeskorning: str | None = Field(default=None, max_length=40)
    # The sekretess marking's grounds (OSL 5 kap. 5 §, schema 0014): set with `sekretess`.
    sekretess_grund: str | None = Field(default=None, max_length=120)
    sekretess_datum: date | None = None
    sekretess_av: str | None = Field(default=None, max_length=200)
    # Only these stycken may be secret ('3,4,5,8'; schema 0019); None: the whole handling.
    sekretess_stycken: str | None = Field(default=None, sa_column=Column(Text))
    # The name the sender gave an incoming file (the archive never uses it as a path).
    ursprungligt_namn: str | None = Field(default=None, max_length=255)
    # False for what came in without a person seeing it, until the registrator has (0015).
    granskad: bool = True


class FristRad(SQLModel, table=True):
    __tablename__ = "frist"
    __table_args__ = (UniqueConstraint("arende_id", "typ"),)
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    typ: str = Field(max_length=60)
    datum: date
    beskrivning: str = Field(max_length=300)
    # The rule the date comes from, and whether the action is done (schema 0003).
    regel: str = Field(default="", max_length=300)
    klar: bool = False


class KommandoRad(SQLModel, table=True):
    """A command taken (or refused) under its step key, on its aggregate: an ärende's dnr,
    a sammanträde ('Socialtjänstnämnden 2008-05-13') or 'registrering'. The events it
    returned are kept, so a replay returns them again."""

    __tablename__ = "kommando"
    aggregat: str = Field(primary_key=True, max_length=250)
    nyckel: str = Field(primary_key=True, max_length=250)
    ok: bool
    meddelande: str = Field(default="", sa_column=Column(Text, nullable=False))
    handelser: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON
    tidpunkt: datetime


class GranskningsloggRad(SQLModel, table=True):
    """Append-only: triggers installed by the migration refuse UPDATE and DELETE."""

    __tablename__ = "granskningslogg"
    sekvens: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    tidpunkt: datetime
    dnr: str | None = Field(default=None, max_length=40, index=True)
    handling: str = Field(max_length=100)
    aktor: str = Field(max_length=200)
    roll: str = Field(max_length=40)
    flodeskorning: str | None = Field(default=None, max_length=40)
    innehall: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON, hashed
    foregaende_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class GranskningshuvudRad(SQLModel, table=True):
    """The chain's head: one row, locked by each writer so the chain never forks."""

    __tablename__ = "granskningshuvud"
    id: int = Field(default=1, primary_key=True)
    sekvens: int = 0
    hash: str = Field(max_length=64)


class PubliceratKedjehuvudRad(SQLModel, table=True):
    """The chain's head as published on the anslagstavla that day: one row per day, never
    changed (triggers installed by the migration refuse UPDATE and DELETE)."""

    __tablename__ = "publicerat_kedjehuvud"
    datum: date = Field(primary_key=True)
    sekvens: int
    hash: str = Field(max_length=64)
    publicerad: datetime


class NamndReglerRad(SQLModel, table=True):
    """A nämnd's own deadline rules (kept apart from `namnd`, which grunddata upserts)."""

    __tablename__ = "namnd_regler"
    namnd_id: int = Field(foreign_key="namnd.id", primary_key=True)
    justeringsdagar: int = 14


class SammantradesplanRad(SQLModel, table=True):
    """One planned sammanträde of a nämnd, from the grunddata's sammanträdesplan."""

    __tablename__ = "sammantradesplan"
    __table_args__ = (UniqueConstraint("namnd_id", "datum"),)
    id: int | None = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)
    ar: int
    datum: date
    klockan: time | None = None  # when the meeting begins, Swedish time, if the plan says


class PaminnelseRad(SQLModel, table=True):
    """A reminder or escalation sent about a frist. The unique key is what makes it go out
    once: the row is inserted before the mail is sent, in the same transaction."""

    __tablename__ = "paminnelse"
    __table_args__ = (
        UniqueConstraint(
            "arende_id", "fristtyp", "fristdatum", "ledtid", name="uq_paminnelse_frist_ledtid"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    frist_id: int  # no foreign key: an obsolete frist is deleted, its reminders stay
    fristtyp: str = Field(max_length=60)
    fristdatum: date
    ledtid: int  # vardagar before the frist; 0 is the escalation after it
    slag: str = Field(max_length=20)  # påminnelse or eskalering
    till: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of addresses
    kopia: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of addresses
    amne: str = Field(max_length=300)
    planerad: datetime
    skickad: datetime


class SchemalaggarlasRad(SQLModel, table=True):
    """The lease that lets one scheduler send on SQLite (PostgreSQL uses an advisory lock)."""

    __tablename__ = "schemalaggarlas"
    namn: str = Field(primary_key=True, max_length=40)
    agare: str = Field(max_length=200)
    giltig_till: datetime


class TavlingsbidragRad(SQLModel, table=True):
    """A nominated unit's tävlingsbidrag (schema 0004). The year's question set is stored
    with it as JSON: the answers were written to those questions, and a later edit of the
    year's file must not move an answer under another question."""

    __tablename__ = "tavlingsbidrag"
    __table_args__ = (UniqueConstraint("arende_id", "verksamhet"),)
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    ordning: int  # the unit's place in the nomination
    verksamhet: str = Field(max_length=200)
    ar: int
    fragebatteri: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    ansvarig_chef: str = Field(max_length=200)
    kontaktperson: str | None = Field(default=None, max_length=200)
    sista_dag: date
    mottagare: str = Field(max_length=200)
    status: str = Field(max_length=40)
    godkant_av: str | None = Field(default=None, max_length=200)
    godkant_datum: date | None = None
    mottaget: date | None = None  # the receipt: the day the mottagare received it
    kvitto_antal_svar: int | None = None
    administrativa: str | None = Field(default=None, sa_column=Column(Text))  # JSON object
    inledning: str = Field(default="", sa_column=Column(Text, nullable=False))
    skapad: datetime
    andrad: datetime


class TavlingssvarRad(SQLModel, table=True):
    """One answer of a tävlingsbidrag; an unanswered question has no row."""

    __tablename__ = "tavlingssvar"
    __table_args__ = (UniqueConstraint("tavlingsbidrag_id", "nummer"),)
    id: int | None = Field(default=None, primary_key=True)
    tavlingsbidrag_id: int = Field(foreign_key="tavlingsbidrag.id", index=True)
    nummer: int
    text: str = Field(sa_column=Column(Text, nullable=False))


class VerksamhetsplanRad(SQLModel, table=True):
    """A verksamhetsplan imported for a unit's bidrag: the structure as JSON, which text it
    came from (sha256) and the lines the importer could not place. Never updated: a new
    text is a new row, the same text twice is one."""

    __tablename__ = "verksamhetsplan"
    __table_args__ = (UniqueConstraint("tavlingsbidrag_id", "sha256"),)
    id: int | None = Field(default=None, primary_key=True)
    tavlingsbidrag_id: int = Field(foreign_key="tavlingsbidrag.id", index=True)
    verksamhet: str = Field(max_length=200)
    ar: int | None = None  # the year the plan is for, when its text says
    titel: str = Field(default="", max_length=300)
    sha256: str = Field(max_length=64)
    struktur: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    ej_placerat: str = Field(sa_column=Column(Text, nullable=False))  # JSON list
    importerad_av: str = Field(max_length=200)
    importerad: datetime


class BegaranRad(SQLModel, table=True):
    """A request for allmän handling on the handlingar of an ärende (schema 0016), numbered
    within the ärende; its prövning stored whole as JSON once it is decided."""

    __tablename__ = "begaran"
    __table_args__ = (UniqueConstraint("arende_id", "nummer"),)
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    nummer: int
    mottagen: datetime  # when it came in, with the time (TF 2 kap. 15-16 §§), UTC
    sokande: str | None = Field(default=None, max_length=200)  # None: anonymous
    kontakt: str | None = Field(default=None, max_length=200)
    beskrivning: str = Field(default="", max_length=250)
    handlingar: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of numbers
    kopia: bool = True
    registrerad_av: str = Field(max_length=200)
    provningar: str | None = Field(default=None, sa_column=Column(Text))  # JSON
    beslut: int | None = None  # the handling holding the written decision
    avgjord: datetime | None = Field(default=None, index=True)
    avgjord_av: str | None = Field(default=None, max_length=200)
    paminnelse: datetime | None = None  # when the reminder went out, once


# -- gallring (schema 0017) --------------------------------------------------------------------


class GallringsforslagRad(SQLModel, table=True):
    """A gallring run's proposal for a nämnd: what the plan allowed that day, as JSON (read
    and written whole), and when and by whom it was decided."""

    __tablename__ = "gallringsforslag"
    id: int | None = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)
    datum: date
    av: str = Field(max_length=200)
    poster: str = Field(sa_column=Column(Text, nullable=False))
    beslutat: date | None = None
    beslutat_av: str | None = Field(default=None, max_length=200)
    # When the registratorer were told of a scheduled run's proposal by e-mail (0020).
    meddelad: datetime | None = None


class GallringRad(SQLModel, table=True):
    """What remains of a gallrad handling version: the sha256 of what went, under which
    gallringsbeslut, by whom and when. Never changed (triggers installed by the migration
    refuse UPDATE and DELETE): the record must outlive the content (OSL 4 kap. 1 §)."""

    __tablename__ = "gallring"
    __table_args__ = (UniqueConstraint("arende_id", "nummer", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    arende_id: int = Field(foreign_key="arende.id", index=True)
    nummer: int
    version: int
    typ: str = Field(max_length=60)
    sha256: str = Field(max_length=64)
    pdf_sha256: str | None = Field(default=None, max_length=64)
    beslut: str = Field(max_length=120)  # the gallringsbeslut's dnr
    beslutsdatum: date
    organ: str = Field(max_length=200)
    av: str = Field(max_length=200)
    datum: date
    forslag_id: int = Field(foreign_key="gallringsforslag.id")
    registrerad: datetime


class DelegationsbeslutRad(SQLModel, table=True):
    """One decision in a nämnd's register of delegationsbeslut (kommunallagen 6 kap. 40 §):
    numbered per nämnd and year of registration; `anmalan` is the dnr of the anmälan that
    brought it to the nämnd (empty while it waits, and always for a decision under a point
    that is protokollförd särskilt instead)."""

    __tablename__ = "delegationsbeslut"
    __table_args__ = (UniqueConstraint("namnd_id", "ar", "nummer"),)
    id: int | None = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)
    ar: int
    nummer: int
    punkt: str = Field(max_length=20)
    delegat: str = Field(max_length=200)
    beslutsdatum: date
    arende_id: int = Field(foreign_key="arende.id", index=True)
    beslut: str = Field(sa_column=Column(Text, nullable=False))
    registrerat: date
    registrerat_av: str = Field(max_length=200)
    handling: int | None = None
    belopp: int | None = None
    vidaredelegerat_av: str | None = Field(default=None, max_length=200)
    bradskande: bool = False
    anmals: bool = True
    anmalan_id: int | None = Field(default=None, foreign_key="arende.id", index=True)
