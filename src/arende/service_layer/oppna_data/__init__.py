"""Open data for the public site: the nämnder, their ledamöter, sammanträden, dagordningar,
ärenden and registered handlingar as JSON objects modelled on OParl 1.1
(https://schema.oparl.org/1.1/), built as plain dicts from the domain objects.

The mapping: the kommun is the Body; each nämnd an Organization (a "Gremium"); its
ledamöter and ersättare Persons with a Membership; a sammanträde a Meeting; a point of its
dagordning, a § of its protokoll once the meeting is opened, an AgendaItem; an ärende a
Paper; a registered handling (and its PDF) a File. Swedish facts OParl has no field for
carry the prefix "sv:" (justering, anslag, the appeal period, the diarium's skede).

One module per part: `objekt` (type, id, how an object is written), `listor` (pages),
`organisation` (System, Body, Organization, Person, Membership), `moten` (Meeting,
AgendaItem, the meeting's files), `arenden` (Paper, File).

What the law keeps back is kept back here, not left to the page: a handling marked
sekretess is shown with its number, date and "Sekretess (OSL)" only (OSL 5 kap.); a
protokoll, and the decisions and protokollsutdrag in it, only once it is justerat (TF 2 kap.
10 §: a protokoll is an allmän handling from then)."""
