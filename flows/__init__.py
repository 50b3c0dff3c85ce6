"""The Prefect flows and their forms: thin, typed calls of the service layer through
`arende.bootstrap`. How they are served, deployed and demonstrated lives in `deployments`."""
