"""Synthetic place and person names, with their pinyin, drawn from small fixed tables.

Real village names are not public at scale, so the demo invents them from common
place-name characters; each character carries its pinyin so English names need no
per-name conversion (pypinyin on 490 k names would take half a minute).
"""

from __future__ import annotations

import numpy as np

PLACE_CHARS = [
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("上", "shang"),
    ("下", "xia"),
    ("中", "zhong"),
    ("大", "da"),
    ("小", "xiao"),
    ("新", "xin"),
    ("老", "lao"),
    ("高", "gao"),
    ("前", "qian"),
    ("后", "hou"),
    ("山", "shan"),
    ("河", "he"),
    ("沟", "gou"),
    ("坪", "ping"),
    ("坝", "ba"),
    ("岭", "ling"),
    ("湾", "wan"),
    ("庄", "zhuang"),
    ("岩", "yan"),
    ("石", "shi"),
    ("杨", "yang"),
    ("柳", "liu"),
    ("桃", "tao"),
    ("李", "li"),
    ("王", "wang"),
    ("张", "zhang"),
    ("马", "ma"),
    ("龙", "long"),
    ("凤", "feng"),
    ("青", "qing"),
    ("白", "bai"),
    ("红", "hong"),
    ("黄", "huang"),
    ("金", "jin"),
    ("银", "yin"),
    ("水", "shui"),
    ("田", "tian"),
    ("林", "lin"),
    ("松", "song"),
    ("竹", "zhu"),
    ("花", "hua"),
    ("平", "ping"),
    ("安", "an"),
    ("和", "he"),
    ("兴", "xing"),
    ("丰", "feng"),
    ("富", "fu"),
    ("民", "min"),
    ("光", "guang"),
    ("明", "ming"),
    ("阳", "yang"),
    ("泉", "quan"),
    ("溪", "xi"),
    ("峰", "feng"),
    ("堡", "bao"),
    ("寨", "zhai"),
]
TOWNSHIP_SUFFIXES = [("镇", "Town"), ("乡", "Township")]

# Characters for synthetic heads of household (surname, then one or two given).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    "郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉文荣德福春生"


def place_names(
    rng: np.random.Generator, count: int, suffix_zh: str, suffix_en: str
) -> tuple[np.ndarray, np.ndarray]:
    """Two-character place names with a suffix, in Chinese and pinyin."""
    chars = np.array([c for c, _ in PLACE_CHARS], dtype=object)
    sounds = np.array([p for _, p in PLACE_CHARS], dtype=object)
    first = rng.integers(len(chars), size=count)
    second = rng.integers(len(chars), size=count)
    zh = chars[first] + chars[second] + suffix_zh
    en = np.char.capitalize((sounds[first] + sounds[second]).astype(str)).astype(object)
    return zh, en + (" " + suffix_en if suffix_en else "")
