"""The handlers: one plain function per command, called by the runner (utforare.py) with
the command and its Steg. Which handler takes which command is said once, here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from arende.service_layer import kommandon as k
from arende.service_layer.hanterare import (
    aldre,
    arende,
    delegation,
    gallring,
    handlingar,
    sammantrade,
    tavlingsbidrag,
    utlamnande,
)
from arende.service_layer.steg import Steg

HANTERARE: dict[type[k.Kommando], Callable[[Any, Steg], None]] = {
    k.RegistreraArende: arende.registrera,
    k.PaborjaBeredning: arende.paborja_beredning,
    k.SkrivUppgifter: arende.skriv_uppgifter,
    k.RegistreraSamverkan: arende.registrera_samverkan,
    k.FaststallForslag: arende.faststall_forslag,
    k.Expediera: arende.expediera,
    k.Avsluta: arende.avsluta,
    k.RegistreraInkommande: handlingar.registrera_inkommande,
    k.MarkeraSekretess: handlingar.markera_sekretess,
    k.GranskaInkommande: handlingar.granska_inkommande,
    k.RegistreraInkommandeSomNyttArende: handlingar.registrera_som_nytt_arende,
    k.MarkeraArendemeningSekretess: handlingar.markera_arendemening,
    k.HavArendemeningSekretess: handlingar.hav_arendemening,
    k.HavSekretess: handlingar.hav_sekretess,
    k.Kalla: sammantrade.kalla,
    k.Oppna: sammantrade.oppna,
    k.Besluta: sammantrade.besluta,
    k.AndraNarvaro: sammantrade.andra_narvaro,
    k.MotiveraReservation: sammantrade.motivera_reservation,
    k.Stang: sammantrade.stang,
    k.Signera: sammantrade.signera,
    k.Ansla: sammantrade.ansla,
    k.OppnaTavlingsbidrag: tavlingsbidrag.oppna,
    k.ImporteraVerksamhetsplan: tavlingsbidrag.importera_verksamhetsplan,
    k.SkrivSvar: tavlingsbidrag.skriv_svar,
    k.LaddaUppSvarsmall: tavlingsbidrag.ladda_upp_svarsmall,
    k.Godkann: tavlingsbidrag.godkann,
    k.AterkallaGodkannande: tavlingsbidrag.aterkalla_godkannande,
    k.LamnaIn: tavlingsbidrag.lamna_in,
    k.RegistreraBegaran: utlamnande.registrera_begaran,
    k.ProvaBegaran: utlamnande.prova_begaran,
    k.ImporteraAldreHandling: aldre.importera,
    k.ImporteraProtokoll: aldre.importera_protokoll,
    k.ForeslaGallring: gallring.foresla,
    k.BeslutaGallring: gallring.besluta,
    k.RegistreraDelegationsbeslut: delegation.registrera_delegationsbeslut,
}
