"""Use cases over a unit of work. Imports the domain and its own ports, nothing concrete."""
