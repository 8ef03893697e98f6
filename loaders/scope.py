"""Who is looking, and at which part of the country: applied to every query.

A scope is a role plus the region the viewer may see (everything below it included).
Queries take a scope and a view region; the view must lie inside the scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from loaders.errors import ScopeError

Role = Literal["public", "official", "auditor", "admin"]
ROLES: tuple[Role, ...] = ("public", "official", "auditor", "admin")
NATIONAL = "100000"
LEVELS = ("country", "province", "city", "county", "township", "village")


@dataclass(frozen=True)
class Scope:
    """The viewer's role and region; hashable so it can be part of a cache key."""

    role: Role
    region_code: str = NATIONAL

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ScopeError(
                f"未知角色“{self.role}”，可选：{'、'.join(ROLES)}",
                f"Unknown role '{self.role}'; expected one of {', '.join(ROLES)}",
            )

    @property
    def masks_personal_data(self) -> bool:
        """Names and ID numbers are masked for everyone but auditors and admins."""
        return self.role in ("public", "official")


PUBLIC = Scope("public")


def level_column(level: str) -> str:
    """The ancestor column that holds a region of this level in regions/villages."""
    if level not in ("province", "city", "county"):
        raise ScopeError(
            f"不支持按“{level}”层级筛选",
            f"Cannot filter by a region of level '{level}'",
        )
    return f"{level}_code"
