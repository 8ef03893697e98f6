"""Region codes the tests rely on, with what makes each of them useful."""

# The tiny scale's counties (loaders/demo/scales.py) and one county it leaves empty.
ZHANGBEI = "130722"  # Hebei: a poverty county whose exit year is synthetic
CONGJIANG = "522633"  # Guizhou: last batch of 2020, from the public record
ZHENGDING = "130123"  # Hebei: never a poverty county
EMPTY_COUNTY = "110101"  # Beijing Dongcheng: no villages at tiny scale

# A budget year the tests empty of allocations (the db_without_a_year fixture).
EMPTY_FUNDS_YEAR = 2019
