"""A gallring run in Prefect's UI: the system proposes what the nämnd's
informationshanteringsplan allows to go today, and a registrator decides in a form which of
the proposed handlingar go. The decision is the same command as `arende gallring verkstall`;
the files are removed after it is committed. Started with a proposal's number (the one the
scheduler's monthly run mailed about), it asks for the decision on that proposal instead
of making a new one."""

from __future__ import annotations

from prefect import flow, runtime

from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.gallring import Gallringsforslag
from arende.domain.handelser import GallringForeslagen
from arende.service_layer import gallring as gallringen
from arende.service_layer.kommandon import SYSTEMET, BeslutaGallring, ForeslaGallring
from flows.arendesteg import korning, system, utfor
from flows.formular import GallringSvar
from flows.fraga import Akt, Avisering, behoriga, fraga, inloggad

FLODE = "gallring"

GALLRING_BESKRIVNING = (
    "Registratorns gallringskörning för en nämnd: systemet föreslår det som "
    "informationshanteringsplanen tillåter att gallras i dag, och en registrator beslutar i "
    "formuläret vilka handlingar som gallras. Filerna tas bort; registreringen och "
    "gallringsuppgiften (sha256, beslut, vem, när) finns kvar. Ange förslagets nummer för att "
    "besluta om ett förslag som redan finns (t.ex. det månatliga som e-postmeddelandet nämner)."
)


@flow(name=FLODE, log_prints=True)
def gallring(namnd: str, forslag: int = 0, intyg: str = "") -> str:
    """Föreslå gallring enligt informationshanteringsplanen och låt en registrator besluta.

    Args:
        namnd: Nämnden vars arkiv gallras, t.ex. Socialtjänstnämnden.
        forslag: Ett befintligt gallringsförslags nummer att besluta om; 0 gör ett nytt förslag.
        intyg: Inloggningens intyg om vem som startade körningen (fylls i av inloggningen).
    """
    if forslag:
        befintligt = gallringen.forslaget(system().uow, forslag)
        if befintligt is None or befintligt.namnd.casefold() != namnd.strip().casefold():
            raise HittasInte(f"{namnd.strip()} har inget gallringsförslag nummer {forslag}.")
        if befintligt.beslutat is not None:
            raise OgiltigUppgift(
                f"Gallringsförslag {forslag} är redan beslutat "
                f"({befintligt.beslutat.isoformat()}, {befintligt.beslutat_av}): starta "
                "körningen utan förslag för att göra ett nytt."
            )
    else:
        # A registrator who starts the run proposes in her own name; a run the system
        # starts proposes as the system, which may propose but never decide.
        start = inloggad(intyg, deployment=str(runtime.deployment.id)) if intyg else None
        handelser = utfor(
            ForeslaGallring(
                aktor=start.namn if start else SYSTEMET,
                inloggning=start,
                nyckel=f"forslag-{korning()}",
                namnd=namnd,
            )
        )
        foreslaget = next(h for h in handelser if isinstance(h, GallringForeslagen))
        befintligt = gallringen.forslaget(system().uow, foreslaget.forslag)
    assert befintligt is not None
    return _besluta(befintligt)


def _besluta(forslag: Gallringsforslag) -> str:
    """The registrator's form on the proposal, and her decision through the one runner."""
    if not forslag.poster:
        # What an undecided proposal holds is not proposed again: say which to decide.
        vantande = [
            f.id
            for f in gallringen.forslagen(system().uow, forslag.namnd)
            if f.beslutat is None and f.poster and f.id != forslag.id
        ]
        hanvisning = (
            f" Förslag {', '.join(map(str, sorted(vantande)))} väntar på beslut: starta "
            "körningen med förslagets nummer."
            if vantande
            else ""
        )
        print(
            f"Gallringsförslag {forslag.id} för {forslag.namnd}: inget nytt får gallras i dag."
            + hanvisning
        )
        return f"förslag {forslag.id}: inget att gallra"
    rader = [
        f"| {p.dnr} | {p.nummer} | {p.handlingstyp} | {p.datum.isoformat()} | {p.frist} | "
        f"{p.beslut} | {p.fran_och_med.isoformat()} |"
        for p in forslag.poster
    ]
    beskrivning = (
        f"## Besluta om gallring: förslag {forslag.id} för {forslag.namnd}\n\n"
        "Informationshanteringsplanen tillåter att dessa handlingar gallras i dag. Det du "
        "lämnar kvar i listan gallras: filerna tas bort ur arkivet, registreringen och "
        "gallringsuppgiften finns kvar.\n\n"
        "| Diarienummer | Nr | Typ | Datum | Gallras | Gallringsbeslut | Tidigast |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rader) + "\n"
    )

    def besluta(svar: GallringSvar, akt: Akt) -> None:
        if not svar.handlingar:
            raise OgiltigUppgift(
                "Ingen handling är vald. Avbryt körningen (Cancel) om inget ska gallras nu."
            )
        poster = [gallringen.tolka_post(h) for h in svar.handlingar]
        beslutat = utfor(
            akt.kommando(BeslutaGallring, namnd=forslag.namnd, forslag=forslag.id, poster=poster)
        )
        borttagna = gallringen.ta_bort_filer(system().arkiv, beslutat)
        print(f"Gallrat enligt förslag {forslag.id}: {len(borttagna)} filer togs bort ur arkivet.")

    svar = fraga(
        GallringSvar,
        f"gallring-{forslag.id}",
        beskrivning,
        besluta,
        avisering=Avisering(
            f"Besluta om gallring för {forslag.namnd}", behoriga(forslag.namnd, BeslutaGallring)
        ),
        handlingar=[gallringen.som_rad(p.dnr, p.nummer) for p in forslag.poster],
    )
    return f"förslag {forslag.id}: {len(svar.handlingar)} handlingar gallrade"
