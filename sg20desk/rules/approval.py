"""The two ways a draft Recommendation is approved, by the names the store keeps.

Their stages, dates and tally are in :mod:`sg20desk.rules.procedures`; this module stays
small because the schema needs the names when any program starts.
"""

from __future__ import annotations

from enum import StrEnum


class Procedure(StrEnum):
    TAP = "TAP"  # the Traditional Approval Procedure, WTSA Resolution 1, section 9
    AAP = "AAP"  # the Alternative Approval Procedure, Recommendation ITU-T A.8
