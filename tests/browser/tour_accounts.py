"""Accounts the browser tests sign in with, one per signed-in role."""

BROWSER_PASSWORD = "browser-tour-2026"
BROWSER_ACCOUNTS = (
    ("tour.official", "official", "130722", "张北干部"),
    ("tour.auditor", "auditor", "130000", "河北审计"),
    ("tour.admin", "admin", "100000", "管理员"),
)
