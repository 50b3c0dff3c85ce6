"""How the flows in `flows/` are served and deployed, and the scripts around them.

Beside the ärendetyper (arendetyper/*.toml), the reference data (grunddata.toml), the
question sets (fragor/), the examples (exempel/) and the production profile (produktion/),
this package holds the code that runs the flows but is not itself a flow:

- `serve`: serves the deployments from one runner process (`make up` starts it);
- `deploy_prod`: registers the deployments in a `process` work pool (production);
- `lokal_prefect`: a local Prefect server and a runner as child processes (demo and tests);
- `up`: `make up`, the server with its UI, the runner and the reminder scheduler;
- `up_prod`: `make up-prod`, the production profile on this machine against PostgreSQL;
- `demo`: `make demo`, seed 000's nomination and sammanträde through Prefect's API;
- `svarare`: answers a waiting run's form through Prefect's API, as a person does in the UI
  (used by the demo and the tests).

Nothing in `src/arende` imports Prefect, so these live here rather than in
`arende.entrypoints`; the flows never import this package (import-linter checks both).
"""
