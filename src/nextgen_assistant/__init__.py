"""nextgen-assistant: how far a regional sector partnership is from Next Gen, and what to do next."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nextgen-assistant")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

INDICATOR_IDS: tuple[str, ...] = (
    "regional_labor_market",
    "private_sector_leadership",
    "industry_driven_agenda",
    "public_partner_team",
    "shared_action_plan",
    "sustainability",
    "measurable_results",
)
"""The seven indicator ids, in the contract's order."""

STATUSES: tuple[str, ...] = ("meets", "partial", "gap", "unknown")
