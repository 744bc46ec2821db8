"""Qt item models over the plain rows that sg20desk.actions.queries returns."""
