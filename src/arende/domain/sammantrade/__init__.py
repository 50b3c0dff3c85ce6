"""A nämnd's sammanträde: kallelse, närvaro, beslut i paragrafer, justering och anslag.

The sammanträde is the place where ärenden become beslut, so it holds what a protokoll must
show: who was there and who tjänstgjorde, the dagordning as it was sent out (and each later
version), every paragraf with its yrkanden in the order the ordförande put them and any
omröstning, the justerare's signatures and the anslag. Each method of the aggregate either
records one fact or raises an ArendeFel with a Swedish message and leaves the sammanträde
untouched (guards run before any field is assigned).

The statuses follow the meeting: planerat → kallat (kallelse and dagordning sent) → pågår
(opened, beslutför) → avslutat (protokollet upprättat) → justerat (all have signed) →
anslaget (the justering is on the anslagstavla).

One module per part of the meeting; import each name from the module that defines it:

- `mote`: the aggregate `Sammantrade`, its statuses (`Sammantradesstatus`) and what each
  step needs the status to be.
- `dagordning`: the dagordning and its punkter, Val av justerare, bordlagda ärenden and the
  next meeting's dagordning (`nasta_dagordning`).
- `narvaro`: the nämnd's ledamöter and ersättare, who was present and who tjänstgjorde.
- `omrostning`: the paragraf with its yrkanden, utfall and omröstning (ja, nej, avstår;
  the ordförande's utslagsröst).
- `justering`: the signatures, omedelbar justering and the anslag with its dates.
"""
