"""Domain labels of hqdata and their place in the national industry classification.

The vertical names are the ``domain`` values recipes use. Each maps to the sections (门类) of
GB/T 4754-2017 《国民经济行业分类》 that hold its activity, so that a dataset tagged ``energy``
can be joined with statistics published by section (D and B).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# The 20 sections (门类) of GB/T 4754-2017, letter -> Chinese title.
SECTIONS: Mapping[str, str] = MappingProxyType(
    {
        "A": "农、林、牧、渔业",
        "B": "采矿业",
        "C": "制造业",
        "D": "电力、热力、燃气及水生产和供应业",
        "E": "建筑业",
        "F": "批发和零售业",
        "G": "交通运输、仓储和邮政业",
        "H": "住宿和餐饮业",
        "I": "信息传输、软件和信息技术服务业",
        "J": "金融业",
        "K": "房地产业",
        "L": "租赁和商务服务业",
        "M": "科学研究和技术服务业",
        "N": "水利、环境和公共设施管理业",
        "O": "居民服务、修理和其他服务业",
        "P": "教育",
        "Q": "卫生和社会工作",
        "R": "文化、体育和娱乐业",
        "S": "公共管理、社会保障和社会组织",
        "T": "国际组织",
    }
)


@dataclass(frozen=True)
class DomainInfo:
    """One vertical: its Chinese title, its GB/T 4754 sections (main one first), a note."""

    name: str
    title: str
    sections: tuple[str, ...]
    note: str = ""


_INFO = (
    DomainInfo("medical", "医疗卫生", ("Q",)),
    DomainInfo(
        "legal",
        "法律司法",
        ("S",),
        "Not a GB/T 4754 section: courts and procuratorates are S (国家机构), so legal maps to "
        "S; law firms and notaries are L (商务服务业), and tag_sections scores those terms as L.",
    ),
    DomainInfo("finance", "金融", ("J",)),
    DomainInfo("education", "教育", ("P",)),
    DomainInfo("science", "科学研究", ("M",)),
    DomainInfo("industry", "工业制造", ("C",)),
    DomainInfo(
        "energy",
        "能源",
        ("D", "B"),
        "Power, heat and gas supply are D; coal, oil and gas extraction are B.",
    ),
    DomainInfo("transport", "交通运输", ("G",)),
    DomainInfo("agriculture", "农业", ("A",)),
    DomainInfo("government", "政务", ("S",)),
    DomainInfo("technology", "信息技术", ("I",)),
)

DOMAIN_INFO: Mapping[str, DomainInfo] = MappingProxyType({d.name: d for d in _INFO})

# Vertical name -> GB/T 4754-2017 section letters (main section first).
DOMAINS: Mapping[str, tuple[str, ...]] = MappingProxyType({d.name: d.sections for d in _INFO})

VERTICALS: tuple[str, ...] = tuple(DOMAINS)
