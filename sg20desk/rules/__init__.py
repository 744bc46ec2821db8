"""Pure rules of the domain: no I/O, no imports from the rest of sg20desk."""
