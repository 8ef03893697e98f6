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
    def may_unmask(self) -> bool:
        """Lists mask names and ID numbers for every role; an auditor may unmask one
        record at a time, giving a reason that is logged."""
        return self.role == "auditor"

    @property
    def sees_records(self) -> bool:
        """Whether household records (masked) are shown at all: not to the public."""
        return self.role != "public"


PUBLIC = Scope("public")


def level_column(level: str) -> str:
    """The ancestor column that holds a region of this level in regions/villages."""
    if level not in ("province", "city", "county"):
        raise ScopeError(
            f"不支持按“{level}”层级筛选",
            f"Cannot filter by a region of level '{level}'",
        )
    return f"{level}_code"
