#!/usr/bin/env python3
"""gen.py — realistic corpora of department budgets in .bud, for benchmarks.

    python3 bench/gen.py --seed 1 --size 10MB --out DIR

writes, directly in DIR, one .bud file per department (about one in ten is
split like the seed: an entry file and a folder of parts beside it), the
equivalent Ledger journal DIR/journal.ledger, and DIR/manifest.json with
what was written (files, bytes, departments, units and the line items of
each kind).  The corpus depends only on the seed and the size: department i
is drawn from its own random generator, seeded with "SEED/i", so a smaller
corpus is a prefix of a larger one of the same seed.

A department is shaped like examples/qinhuangdao-media-center-2023.bud: a
bureau of a county or district (the 款 of its 行政运行) with 1–4 units — the
本级 (行政) and 事业 units under it; income by source; spending by 7-digit
function code (项 of stdlib/2023/function.bud) and kind 基本/项目; the basic
spending by 5-digit economic code (stdlib/2023/economic.bud) adding up to it,
with the social-security lines tied to their function codes (rules D7);
三公 backed by the economic lines 30217, 30231 (and 30212, 31013); projects
with full indicator tables (三 一级, 数量/质量/时效/成本 rows, units from the
measure catalogue, 成本指标 = the project's amount); procurement lines
(stdlib/2023/procurement.bud, within the project's amount); last year's
figures; the nine tables as printed, every cell computed here with
decimal.Decimal exactly as budc derives it; assets; a 说明 whose quotes
print the computed values; a glossary.  Every department checks with no
error (budc check exits 0) and no warning.

The Ledger journal has one posting for every income, spending, economic,
三公 and purchase line, and balance assertions for the identities the budget
states: each unit's income from a source equals its spending from it, the
economic lines of a unit and source add up to its basic spending, each 三公
item equals the economic line behind it, and each department's 支出.合计.
"""

import argparse
import json
import os
import random
import re
import sys
from decimal import Decimal, ROUND_DOWN, ROUND_HALF_UP
from multiprocessing import Pool

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STDLIB = os.path.join(ROOT, "stdlib", "2023")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# ---- the catalogues ---------------------------------------------------------

ROW = re.compile(r'^\s+("(?:[^"\\]|\\.)*"|\S+)\s+"((?:[^"\\]|\\.)*)"(.*)$')


def read_catalog(name):
    rows = []
    with open(os.path.join(STDLIB, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("//")[0].rstrip()
            m = ROW.match(line)
            if m:
                rows.append((m.group(1).strip('"'), m.group(2), m.group(3).split()))
    return rows


FUNC = {c: n for c, n, _ in read_catalog("function.bud")}
ECON = {c: n for c, n, _ in read_catalog("economic.bud")}
PROC = {c: n for c, n, _ in read_catalog("procurement.bud")}
MEASURES = {c: t[0] for c, n, t in read_catalog("measure.bud") if t}
PHRASES = {}
for c, n, t in read_catalog("phrase.bud"):
    PHRASES.setdefault(t[0], []).append(c)

# codes of the 政府性基金 and 国有资本经营 budgets (tagged so in the catalogue,
# on themselves or a 类/款 above them): never paid from 一般公共预算 (E-FUND-CODE)
OTHER_BUDGET = {c for c, _, t in read_catalog("function.bud")
                if "政府性基金" in t or "国有资本经营" in t}


def other_budget(code):
    return any(code[:k] in OTHER_BUDGET for k in (3, 5, 7))


XIANG_ALL = sorted(c for c in FUNC if len(c) == 7)
XIANG = [c for c in XIANG_ALL if not other_budget(c)]


def xiang_of(kuan):
    return [c for c in XIANG if c.startswith(kuan)]


def need(code):
    if code not in FUNC and code not in ECON and code not in PROC and code not in MEASURES:
        raise SystemExit("gen.py: %s is not in the standard library's catalogues" % code)
    return code


# ---- vocabulary ----------------------------------------------------------------

PLACE_A = "安平宁河山东西南北清泉阳城华兴永丰临长江海林石新德恒泰和顺昌广丰乐盛元福康嘉静松柏云龙凤岚溪".strip()
PLACE_B = "县区市"

# 款 of a bureau's 行政运行 → the bureau's name and the short topic of its work.
BUREAUS = [
    ("20101", "人大常委会办公室", "人大"), ("20102", "政协委员会办公室", "政协"),
    ("20103", "人民政府办公室", "政务服务"), ("20104", "发展和改革局", "发展改革"),
    ("20105", "统计局", "统计"), ("20106", "财政局", "财政"), ("20108", "审计局", "审计"),
    ("20111", "纪律检查委员会", "纪检监察"), ("20113", "商务局", "商务"),
    ("20126", "档案馆", "档案"), ("20129", "总工会", "工会"), ("20132", "组织部", "组织"),
    ("20133", "宣传部", "宣传"), ("20138", "市场监督管理局", "市场监管"),
    ("20402", "公安局", "公安"), ("20406", "司法局", "司法行政"),
    ("20501", "教育局", "教育"), ("20601", "科学技术局", "科技"),
    ("20701", "文化和旅游局", "文化旅游"), ("20702", "文物局", "文物保护"),
    ("20703", "体育局", "体育"), ("20706", "融媒体中心", "新闻宣传"),
    ("20708", "广播电视局", "广播电视"), ("20801", "人力资源和社会保障局", "人力社保"),
    ("20802", "民政局", "民政"), ("20811", "残疾人联合会", "残疾人事业"),
    ("20828", "退役军人事务局", "退役军人服务"), ("21001", "卫生健康局", "卫生健康"),
    ("21015", "医疗保障局", "医疗保障"), ("21101", "生态环境局", "生态环境"),
    ("21201", "住房和城乡建设局", "城乡建设"), ("21301", "农业农村局", "农业农村"),
    ("21302", "林业局", "林业"), ("21303", "水利局", "水利"),
    ("21401", "交通运输局", "交通运输"), ("21505", "工业和信息化局", "工业和信息化"),
    ("22001", "自然资源和规划局", "自然资源"), ("22401", "应急管理局", "应急管理"),
    ("22405", "地震局", "防震减灾"),
]
BUREAUS = [b for b in BUREAUS if b[0] + "01" in FUNC and b[0] + "02" in FUNC]

# Government-fund 款 whose 项 projects may be paid from 政府性基金.
FUND_XIANG = [c for c in XIANG_ALL if c[:5] in ("20822", "21208", "22960") and other_budget(c)]

# A project's activity: name suffix, quantity indicator (name, unit, range),
# quality indicator, time indicator, benefits, who is satisfied, what it buys.
ACTIVITIES = [
    ("宣传经费", ("宣传活动场次", "场", 6, 60), "宣传内容审核通过率", ("宣传活动完成时限", "工作日", 5, 30),
     ("提高公众知晓度", "营造良好社会氛围"), "群众", "C99000000"),
    ("信息化建设项目", ("信息系统建设数量", "套", 1, 4), "系统验收合格率", ("系统上线时间", "月", 3, 12),
     ("提升业务办理效率", "数据共享水平"), "系统使用人员", "A02010104"),
    ("办公设备购置", ("购置办公设备数量", "台", 4, 40), "设备验收合格率", ("设备交付时间", "日", 15, 90),
     ("保障机关正常运转", "改善办公条件"), "干部职工", "A02010105"),
    ("业务培训经费", ("培训人次", "人次", 60, 900), "培训考核合格率", ("培训完成时间", "月", 6, 12),
     ("提升干部业务能力", "提高依法行政水平"), "参训人员", "C99000000"),
    ("设施运行维护费", ("维护设施设备数量", "台", 10, 200), "设施完好率", ("故障响应时间", "小时", 2, 48),
     ("保障设施安全运行", "延长设施使用寿命"), "服务对象", "C99000000"),
    ("专项业务经费", ("办理业务件数", "件", 100, 5000), "业务办理准确率", ("业务办结时限", "工作日", 3, 20),
     ("提高公共服务水平", "优化营商环境"), "办事群众", None),
    ("课题研究经费", ("完成研究报告数量", "篇", 2, 12), "研究成果采纳率", ("课题结题时间", "月", 6, 12),
     ("为决策提供参考", "提升政策研究水平"), "委托部门", "C99000000"),
    ("监督检查经费", ("开展监督检查次数", "次", 6, 80), "问题整改完成率", ("检查报告报送时限", "工作日", 5, 15),
     ("规范行业秩序", "防范化解风险"), "被检查单位", None),
    ("服务外包经费", ("外包服务项目数量", "项", 1, 8), "服务验收合格率", ("服务响应时间", "小时", 1, 24),
     ("保障服务连续稳定", "节约人力成本"), "服务对象", "C99000000"),
    ("档案数字化经费", ("数字化档案数量", "万份", 1, 30), "数字化档案质量合格率", ("数字化完成时间", "月", 6, 12),
     ("提高档案利用效率", "保障档案安全"), "档案利用者", "C99000000"),
    ("宣传品印制经费", ("印制宣传品数量", "册", 500, 20000), "印制质量合格率", ("宣传品交付时间", "工作日", 7, 30),
     ("扩大政策宣传覆盖面", "提升部门形象"), "群众", "C06990000"),
    ("免费开放补助", ("免费开放天数", "天", 250, 360), "开放服务达标率", ("补助资金拨付时间", "月", 1, 6),
     ("丰富群众精神文化生活", "促进公共服务均等化"), "参观群众", "C06990000"),
    ("应急物资储备经费", ("储备物资批次", "批次", 2, 12), "物资验收合格率", ("物资入库时间", "日", 10, 60),
     ("提升应急保障能力", "保障人民群众生命财产安全"), "受助群众", None),
    ("新闻宣传合作经费", ("刊发新闻报道数量", "篇", 100, 1600), "报道刊发达标率", ("热点新闻报道时效", "日", 1, 7),
     ("提高政府公信力", "引导舆论正向发展"), "读者", "C06010000"),
    ("专题节目制作费", ("制作专题节目期数", "期", 6, 52), "节目播出合格率", ("节目交付时间", "工作日", 5, 20),
     ("扩大宣传影响力", "提升区域知名度"), "观众", "C06020200"),
    ("设备更新改造项目", ("更新改造设备数量", "台", 2, 20), "设备运行合格率", ("改造完成时间", "月", 3, 10),
     ("提升设备保障能力", "降低运行故障率"), "使用人员", "A02021000"),
]

TOPIC_STRIP = ("其他", "行政运行", "一般行政管理事务", "机关服务", "事业运行")

BASES = ["年度工作计划", "实际工作需要", "预算金额", "合同约定", "行业标准", "历史数据",
         "年初工作安排", "上级文件要求", "实施方案", "工作计划及实际情况"]
SURVEY = ["问卷调查", "满意度调查", "现场反馈", "电话回访", "网络问卷"]

GLOSSARY = [
    ("一般公共预算拨款收入", "指县级财政当年拨付的一般公共预算资金。"),
    ("政府性基金预算拨款收入", "指县级财政当年拨付的政府性基金预算资金。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("其他收入", "指除上述收入以外的各项收入，主要是存款利息收入等。"),
    ("上年结转", "指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
    ("政府采购", "指各级国家机关、事业单位和团体组织，使用财政性资金采购依法制定的集中采购目录以内的或者采购限额标准以上的货物、工程和服务的行为。"),
]

ORDINALS = "一二三四五六七八九十"
SRC_ORDER = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户", "事业收入", "经营收入",
             "上级补助", "附属单位上缴", "其他收入", "上年结转"]
SRC_INDEX = {s: i for i, s in enumerate(SRC_ORDER)}
FISCAL = ("一般公共预算", "政府性基金", "国有资本经营")
SG_ITEMS = ["教学科研人员因公出国费", "其他因公出国费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
SG_ECON = {"其他因公出国费": "30212", "公务用车购置费": "31013",
           "公务用车运行维护费": "30231", "公务接待费": "30217"}
SG_ROWS = [("合计", SG_ITEMS), ("三公小计", SG_ITEMS),
           ("因公出国费", SG_ITEMS[0:2]), ("教学科研人员因公出国费", SG_ITEMS[0:1]),
           ("其他因公出国费", SG_ITEMS[1:2]), ("公务用车购置及运维费", SG_ITEMS[2:4]),
           ("公务用车购置费", SG_ITEMS[2:3]), ("公务用车运行维护费", SG_ITEMS[3:4]),
           ("公务接待费", SG_ITEMS[4:5])]

for c in ["2080501", "2080502", "2080505", "2080506", "2101101", "2101102", "2101103", "2210201",
          "30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
          "30217", "30231", "30212", "31013", "30302"]:
    need(c)
for a in ACTIVITIES:
    if a[6]:
        need(a[6])
    need(a[1][1])
    need(a[3][1])


# ---- money -----------------------------------------------------------------------

def money(rng, lo, hi):
    """A random amount in [lo, hi] 万元, with 2 decimals."""
    return Decimal(rng.randint(int(lo * 100), int(hi * 100))) / 100


def q2(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(x):
    return "%.2f" % x if isinstance(x, Decimal) else str(x)


# ---- the model of a department ------------------------------------------------------

class Unit:
    def __init__(self, uid, name, nature, rank, funding):
        self.uid, self.name, self.nature, self.rank, self.funding = uid, name, nature, rank, funding
        self.spend = []      # (source, code, kind, amount)
        self.econ = []       # (source, code, amount)
        self.sangong = []    # (item, amount), all 一般公共预算
        self.projects = []
        self.vehicles = 0

    def income(self):
        by = {}
        for s, _, _, a in self.spend:
            by[s] = by.get(s, ZERO) + a
        return [(s, by[s]) for s in SRC_ORDER if s in by]

    def sources(self, what):
        seen = []
        for row in what:
            if row[0] not in seen:
                seen.append(row[0])
        return sorted(seen, key=SRC_INDEX.get)


class Project:
    def __init__(self, name, code, source, amount):
        self.name, self.code, self.source, self.amount = name, code, source, amount
        self.goal = ""
        self.indicators = []  # rows of text, as written
        self.purchases = []   # (pcode, name, measure, qty, price, amount, sme, source)


def place_name(rng):
    return rng.choice(PLACE_A) + rng.choice(PLACE_A) + rng.choice(PLACE_B)


def topic_of(code, fallback):
    name = FUNC[code]
    for s in TOPIC_STRIP:
        if name.startswith(s):
            return fallback
    name = re.sub(r"（.*?）", "", name)
    for suffix in ("支出", "事务", "业务"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
    return name


def economic_lines(rng, unit, staff, retirees):
    """The basic expenditure of a unit paid from 一般公共预算, by economic code."""
    admin = unit.nature == "行政"
    e = {}
    e["30101"] = money(rng, 3.0 * staff, 4.5 * staff)
    e["30102"] = money(rng, 1.5 * staff, 3.0 * staff)
    if admin:
        e["30103"] = money(rng, 0.2 * staff, 0.6 * staff)
    e["30107"] = money(rng, (0.8 if admin else 1.5) * staff, (1.6 if admin else 3.0) * staff)
    gross = sum(e.values())
    e["30108"] = q2(gross * Decimal("0.16"))
    e["30109"] = q2(gross * Decimal("0.08"))
    e["30110"] = q2(gross * Decimal(rng.choice(["0.07", "0.075", "0.08"])))
    if admin:
        e["30111"] = q2(gross * Decimal("0.03"))
    e["30112"] = q2(gross * Decimal("0.01")) or Decimal("0.10")
    e["30113"] = q2(gross * Decimal("0.12"))
    if rng.random() < 0.3:
        e["30199"] = money(rng, 0.5, 0.2 * staff + 1)
    public = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215",
              "30216", "30226", "30227", "30228", "30229", "30239", "30299"]
    for c in sorted(rng.sample(public, rng.randint(6, len(public)))):
        if c == "30228":
            e[c] = q2(gross * Decimal("0.02")) or Decimal("0.50")
        elif c == "30229":
            e[c] = q2(gross * Decimal("0.01")) or Decimal("0.30")
        else:
            e[c] = money(rng, 0.2, 0.3 * staff + 1)
    if rng.random() < (0.7 if admin else 0.35):
        e["30217"] = money(rng, 0.2, 0.08 * staff + 0.5)
    if unit.vehicles:
        e["30231"] = money(rng, 1.2 * unit.vehicles, 3.5 * unit.vehicles)
    if rng.random() < 0.06:
        e["30212"] = money(rng, 1.0, 8.0)
    if unit.vehicles and rng.random() < 0.05:
        e["31013"] = money(rng, 12.0, 25.0)
    if rng.random() < 0.2:
        e["31002"] = money(rng, 0.5, 0.2 * staff + 1)
    if retirees:
        e["30302"] = money(rng, 3.0 * retirees, 5.0 * retirees)
    if rng.random() < 0.3:
        e["30305"] = money(rng, 0.2, 3.0)
    if rng.random() < 0.3:
        e["30399"] = money(rng, 0.1, 2.0)
    return e


def basic_spending(unit, main_code, e):
    """Basic spending by function code: the social-security lines on the codes
    that carry them (rules D7), the rest on the unit's main code."""
    admin = unit.nature == "行政"
    tied = {
        "30108": "2080505", "30109": "2080506", "30110": "2101101" if admin else "2101102",
        "30111": "2101103", "30113": "2210201", "30302": "2080501" if admin else "2080502",
    }
    lines = {}
    rest = ZERO
    for c, a in e.items():
        if c in tied:
            lines[tied[c]] = lines.get(tied[c], ZERO) + a
        else:
            rest += a
    lines[main_code] = lines.get(main_code, ZERO) + rest
    return lines


def make_project(rng, dept, unit, code, source, used, topic):
    act = rng.choice(ACTIVITIES)
    suffix, (qname, qunit, qlo, qhi), quality, (tname, tunit, tlo, thi), benefits, who, pcode = act
    name = topic + suffix
    n = 2
    while name in used:
        name = "%s%s（%s期）" % (topic, suffix, ORDINALS[n - 1] if n <= 10 else str(n))
        n += 1
    used.add(name)
    amount = money(rng, 2, 40) if rng.random() < 0.7 else money(rng, 40, 400)
    p = Project(name, code, source, amount)
    count = rng.randint(qlo, qhi)
    ptopic = topic if rng.random() < 0.5 else dept["topic"]
    p.goal = ("1.%s：%d年完成%s%s%d%s，保障%s工作有序开展 2.严格执行%s管理制度，确保%s达到年度目标 "
              "3.%s，%s" % (name, dept["year"], ptopic, qname, count, qunit, ptopic, ptopic, quality,
                            benefits[0], benefits[1]))
    basis = lambda: rng.choice(BASES)
    rows = []
    rows.append('产出指标 数量指标 "%s" "%s%s" ≥%d%s "%s"' % (qname, name, qname, count, qunit, basis()))
    if rng.random() < 0.4:
        rows.append('数量指标 "%s覆盖%s数量" - ≥%d个 "%s"' % (ptopic, "乡镇" if rng.random() < .5 else "社区",
                                                    rng.randint(3, 30), basis()))
    rows.append('质量指标 "%s" "%s的%s" %s "%s"' % (
        quality, name, quality, "100%" if rng.random() < 0.4 else "≥%d%%" % rng.randint(85, 99), basis()))
    if rng.random() < 0.5:
        rows.append('时效指标 "%s" - ≤%d%s "%s"' % (tname, rng.randint(tlo, thi), tunit, basis()))
    else:
        rows.append('时效指标 "资金支付及时率" "%s资金按进度支付" 100%% "%s"' % (name, basis()))
    rows.append('成本指标 "成本控制数" "%s项目预算控制数" ≤%s万元 "预算金额"' % (name, fmt(amount)))
    rows.append('效益指标 社会效益指标 "%s" "通过%s%s" %s "%s"' % (
        benefits[0], name, benefits[0], rng.choice(PHRASES["up"]), basis()))
    r = rng.random()
    if r < 0.35:
        rows.append('经济效益指标 "%s" - %s "%s"' % (benefits[1], rng.choice(PHRASES["up"]), basis()))
    elif r < 0.5:
        rows.append('生态效益指标 "减少资源消耗" "%s实施中节约能源资源" %s "%s"' % (
            name, rng.choice(PHRASES["down"] + PHRASES["same"]), basis()))
    if rng.random() < 0.7:
        rows.append('可持续影响指标 "%s长效机制" - %s "%s"' % (ptopic, rng.choice(PHRASES["quality"]), basis()))
    rows.append('满意度指标 服务对象满意度指标 "%s满意度" "%s对%s的满意程度" ≥%d%% "%s"' % (
        who, who, name, rng.randint(85, 95), rng.choice(SURVEY)))
    p.indicators = rows

    # procurement: services or goods from the catalogue, within the amount
    if pcode and source != "上年结转" and rng.random() < 0.55:
        lines = [pcode]
        if rng.random() < 0.25:
            lines.append(rng.choice(["A02021000", "A02010108", "C99000000"]))
        left = amount
        for c in dict.fromkeys(lines):
            if left < Decimal("0.2"):
                break
            if c.startswith("A"):
                price = money(rng, 0.3, 1.2)
                qty = rng.randint(1, 30)
                while qty > 1 and price * qty > left:
                    qty -= 1
                if price * qty > left:
                    continue
                measure = "台"
            else:
                qty = 1
                price = q2(left * Decimal(rng.choice(["0.5", "0.6", "0.8", "0.9", "1"])))
                measure = {"C06010000": "篇", "C06020200": "期", "C06990000": "场"}.get(c, "项")
                if measure != "项":
                    qty = rng.randint(2, 12)
                    price = (price / qty).quantize(CENT, rounding=ROUND_DOWN)
                    if price <= 0:
                        continue
            amt = price * qty
            sme = q2(amt * Decimal(rng.choice(["0", "0.3", "0.4", "1"])))
            p.purchases.append((c, PROC[c], measure, qty, price, amt, sme, source))
            left -= amt
    return p


def make_department(seed, idx):
    rng = random.Random("%s/%d" % (seed, idx))
    kuan, bureau, topic = rng.choice(BUREAUS)
    place = place_name(rng)
    dept = {
        "idx": idx, "code": str(100000 + idx), "name": place + bureau, "place": place,
        "bureau": bureau, "topic": topic, "kuan": kuan, "year": 2023,
    }
    units = []
    nunits = rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
    ranks = ["正科级", "副科级", "正股级", "股级"]
    xs = [c for c in xiang_of(kuan) if c[5:] not in ("01", "03")]
    used = set()

    for u in range(nunits):
        if u == 0:
            unit = Unit("本级", "%s（本级）" % dept["name"], "行政", "正科级", "财政拨款")
            main = kuan + "01"
            unit_topic = topic
        else:
            # a 事业 unit: the 事业运行 of the bureau's 款, or a specific 项 of its 类
            cands = [c for c in XIANG if c[:3] == kuan[:3] and c[5:] not in ("01", "02", "03", "99")
                     and c[:5] not in ("20805", "21011", "22102") and "其他" not in FUNC[c]]
            if kuan + "50" in FUNC and (rng.random() < 0.4 or not cands):
                code = kuan + "50"
            else:
                code = rng.choice(cands or xs)
            main = code
            t = topic_of(code, topic)
            suffix = "中心" if not re.search(r"(馆|院|所|站|校|中心|队|台|场)$", t) else ""
            uname = "%s%s%s" % (place, t, suffix)
            if any(x.name == uname for x in units):
                uname = "%s%s第%s%s" % (place, t, ORDINALS[u], suffix or "分中心")
            unit = Unit("单位%d" % (u + 1), uname, "事业", rng.choice(ranks[1:]),
                        rng.choice(["财政补助", "财政性资金基本保证", "差额拨款"]))
            unit_topic = t
        staff = rng.randint(8, 70) if u == 0 else rng.randint(4, 40)
        retirees = rng.randint(0, staff // 2)
        if u == 0 and rng.random() < 0.8:
            unit.vehicles = rng.randint(1, 4)
        elif u > 0 and rng.random() < 0.25:
            unit.vehicles = rng.randint(1, 2)
        e = economic_lines(rng, unit, staff, retirees)
        for c in sorted(e):
            unit.econ.append(("一般公共预算", c, e[c]))
        for c, a in sorted(basic_spending(unit, main, e).items()):
            unit.spend.append(("一般公共预算", c, "基本", a))
        for item, ec in SG_ECON.items():
            if ec in e:
                unit.sangong.append((item, e[ec]))
        unit.sangong.sort(key=lambda x: SG_ITEMS.index(x[0]))

        # 事业 units' own income pays part of their running costs
        if unit.nature == "事业" and rng.random() < 0.6:
            src = "事业收入" if rng.random() < 0.8 else "其他收入"
            parts = {c: money(rng, 0.5, 2.0 + staff * 0.3)
                     for c in rng.sample(["30201", "30213", "30226", "30227", "30299"], rng.randint(1, 3))}
            for c in sorted(parts):
                unit.econ.append((src, c, parts[c]))
            unit.spend.append((src, main, "基本", sum(parts.values())))

        # projects
        nproj = rng.choices([0, 1, 3, 6, 10, 16, 24],
                            weights=[3, 10, 20, 25, 22, 12, 8])[0] if u == 0 else rng.randint(0, 6)
        pcodes = [kuan + "02"] + [c for c in xs if c[5:] != "02"]
        if u > 0:
            pcodes = [main] + pcodes[:2]
        for _ in range(nproj):
            code = rng.choice(pcodes) if rng.random() < 0.8 else pcodes[0]
            source = "一般公共预算"
            r = rng.random()
            if r < 0.03 and FUND_XIANG:
                code, source = rng.choice(FUND_XIANG), "政府性基金"
            ptopic = topic_of(code, unit_topic)
            unit.projects.append(make_project(rng, dept, unit, code, source, used, ptopic))
        by = {}
        for p in unit.projects:
            by[(p.source, p.code)] = by.get((p.source, p.code), ZERO) + p.amount
        for (s, c), a in by.items():
            unit.spend.append((s, c, "项目", a))
        unit.spend.sort(key=lambda x: (SRC_INDEX[x[0]], x[1], x[2] != "基本"))
        unit.econ.sort(key=lambda x: (SRC_INDEX[x[0]], x[1]))
        units.append(unit)
    dept["units"] = units

    # last year: the totals within ±15 %, the 三公 items within ±30 % (or 0)
    tot = derive_totals(units)
    prior = {}
    prior["支出.基本"] = q2(tot["basic"] * Decimal(rng.randint(85, 112)) / 100)
    prior["支出.项目"] = q2(tot["project"] * Decimal(rng.randint(70, 130)) / 100) if tot["project"] else \
        money(rng, 5, 50)
    prior["支出.合计"] = prior["支出.基本"] + prior["支出.项目"]
    sg_prior = {}
    for item in ["因公出国费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]:
        now = tot["sg"][item]
        if now and rng.random() < 0.8:
            sg_prior[item] = q2(now * Decimal(rng.randint(80, 125)) / 100)
        elif now:
            sg_prior[item] = now
        else:
            sg_prior[item] = money(rng, 0.5, 5) if item == "公务接待费" and rng.random() < 0.3 else ZERO
    prior["三公.合计"] = sum(sg_prior.values())
    for k, v in sg_prior.items():
        prior["三公." + k] = v
    dept["prior"] = prior

    # assets as of the end of last year; 车辆 iff 公务用车运行维护费 (F9)
    vehicles = sum(u.vehicles for u in units) if tot["sg"]["公务用车运行维护费"] else 0
    houses = rng.randint(1, 4)
    house_v = money(rng, 80, 1500)
    office_v = q2(house_v * Decimal(rng.randint(30, 90)) / 100)
    assets = [("房屋", houses, house_v), ("办公用房", houses, office_v)]
    if vehicles:
        assets.append(("车辆", vehicles, money(rng, 8 * vehicles, 25 * vehicles)))
    if rng.random() < 0.3:
        assets.append(("大型设备", rng.randint(1, 5), money(rng, 25, 300)))
    assets.append(("其他固定资产", rng.randint(30, 900), money(rng, 20, 600)))
    total = sum(v for k, _, v in assets if k != "办公用房")
    dept["assets"] = [("资产总额", None, total)] + assets
    goods = sum(pl[5] for u in units for p in u.projects for pl in p.purchases if pl[0].startswith("A"))
    dept["planned"] = goods
    dept["split"] = rng.random() < 0.1
    dept["rng"] = rng
    return dept


# ---- derived tables (as src/model_tables.c derives them) ----------------------------

def all_spend(units):
    return [s for u in units for s in u.spend]


def derive_totals(units):
    sp = all_spend(units)
    t = {"total": sum(a for _, _, _, a in sp),
         "basic": sum(a for _, _, k, a in sp if k == "基本"),
         "project": sum(a for _, _, k, a in sp if k == "项目")}
    sg = {"因公出国费": ZERO, "公务用车购置费": ZERO, "公务用车运行维护费": ZERO, "公务接待费": ZERO}
    for u in units:
        for item, a in u.sangong:
            key = "因公出国费" if "出国" in item else item
            sg[key] += a
    t["sg"] = sg
    return t


def ancestors(code):
    return [code[:n] for n in range(3, len(code) + 1, 2)]


def code_table(spends, ncols, cols_of, top_only=False):
    """Rows: {code: [cells]} for every code and its ancestors, and the 合计."""
    rows, total = {}, [None] * ncols
    for s in spends:
        cols = cols_of(s)
        if not cols:
            continue
        keys = [s[1][:3]] if top_only else ancestors(s[1])
        for k in keys:
            r = rows.setdefault(k, [None] * ncols)
            for c in cols:
                r[c] = (r[c] or ZERO) + s[3]
        for c in cols:
            total[c] = (total[c] or ZERO) + s[3]
    return total, rows


def cells(row):
    """A stated row's cells: '-' for blank, trailing blanks left out."""
    out = [fmt(c) if c else "-" for c in row]
    while out and out[-1] == "-":
        out.pop()
    return " ".join(out)


def econ_class(code):
    return 0 if code[:3] in ("301", "303") else 1


def tables_text(dept):
    units = dept["units"]
    sp = all_spend(units)
    income = {}
    for u in units:
        for s, a in u.income():
            income[s] = income.get(s, ZERO) + a
    out = []
    w = out.append
    name = lambda c: FUNC[c]

    # 1 收支总表
    w("table 收支总表 {")
    this_year = ZERO
    for s in SRC_ORDER[:-1]:
        if income.get(s):
            w("  %s %s" % (s, fmt(income[s])))
            this_year += income[s]
    _, rows = code_table(sp, 1, lambda s: [0], top_only=True)
    for c in sorted(rows):
        w('  %s "%s" %s' % (c, name(c), fmt(rows[c][0])))
    total = sum(a for *_, a in sp)
    w("  本年收入合计 %s" % fmt(this_year))
    w("  本年支出合计 %s" % fmt(total))
    if income.get("上年结转"):
        w("  上年结转结余 %s" % fmt(income["上年结转"]))
    w("  收入总计 %s" % fmt(this_year + income.get("上年结转", ZERO)))
    w("  支出总计 %s" % fmt(total))
    w("}")
    w("")

    # 2 收入总表: 合计, 小计, 财政拨款, 财政专户, 事业, 经营, 上级补助, 附属单位上缴, 其他, 上年结转
    def sr_cols(s):
        cols = [0]
        if s[0] != "上年结转":
            cols.append(1)
        cols.append(2 if s[0] in FISCAL else SRC_INDEX[s[0]])
        return cols
    w("// 合计, 小计, 财政拨款, 财政专户, 事业, 经营, 上级补助, 附属单位上缴, 其他, 上年结转")
    w("table 收入总表 {")
    tot, rows = code_table(sp, 10, sr_cols)
    w("  合计 %s" % cells(tot))
    for c in sorted(rows):
        w('  %s "%s" %s' % (c, name(c), cells(rows[c])))
    w("}")
    w("")

    # 3 支出总表: 合计, 基本, 项目
    kinds = {"基本": 1, "项目": 2}
    w("// 合计, 基本支出, 项目支出, 经营支出, 上缴上级支出, 对附属单位补助支出")
    w("table 支出总表 {")
    tot, rows = code_table(sp, 6, lambda s: [0, kinds[s[2]]])
    w("  合计 %s" % cells(tot))
    for c in sorted(rows):
        w('  %s "%s" %s' % (c, name(c), cells(rows[c])))
    w("}")
    w("")

    # 4 财政拨款收支总表
    w("table 财政拨款收支总表 {")
    fiscal_in = ZERO
    for s in FISCAL:
        if income.get(s):
            w("  %s %s" % (s, fmt(income[s])))
            fiscal_in += income[s]
    tot, rows = code_table(sp, 4, lambda s: [0, 1 + SRC_INDEX[s[0]]] if s[0] in FISCAL else [],
                           top_only=True)
    for c in sorted(rows):
        w('  %s "%s" %s' % (c, name(c), cells(rows[c])))
    w("  本年收入合计 %s" % fmt(fiscal_in))
    w("  本年支出合计 %s" % cells(tot))
    w("  收入总计 %s" % fmt(fiscal_in))
    w("  支出总计 %s" % cells(tot))
    w("}")
    w("")

    # 5, 7, 8: 一般公共预算 / 政府性基金 / 国有资本经营 支出表
    notes = {"政府性基金": "本部门无政府性基金预算财政拨款预算，空表列示。",
             "国有资本经营": "本部门无国有资本经营预算财政拨款预算，空表列示。"}
    for tname, src in (("一般公共预算支出表", "一般公共预算"), ("政府性基金支出表", "政府性基金"),
                       ("国有资本经营支出表", "国有资本经营")):
        tot, rows = code_table(sp, 3, lambda s: [0, kinds[s[2]]] if s[0] == src else [])
        w("table %s {" % tname)
        if not rows:
            w('  note "%s"' % notes[src])
        else:
            w("  合计 %s" % cells(tot))
            for c in sorted(rows):
                w('  %s "%s" %s' % (c, name(c), cells(rows[c])))
        w("}")
        w("")

    # 6 一般公共预算基本支出表: 合计, 人员经费, 公用经费
    econ = [(s, c, a) for u in units for s, c, a in u.econ if s == "一般公共预算"]
    tot, rows = code_table([(s, c, None, a) for s, c, a in econ], 3,
                           lambda x: [0, 1 + econ_class(x[1])])
    w("// 合计, 人员经费, 公用经费")
    w("table 一般公共预算基本支出表 {")
    w("  合计 %s" % cells(tot))
    for c in sorted(rows):
        w('  %s "%s" %s' % (c, ECON[c], cells(rows[c])))
    w("}")
    w("")

    # 9 三公经费支出表: 合计, 一般公共预算
    items = {}
    for u in units:
        for item, a in u.sangong:
            items[item] = items.get(item, ZERO) + a
    w("table 三公经费支出表 {")
    if not items:
        w('  note "本部门无财政拨款“三公”经费预算，空表列示。"')
    for row, parts in SG_ROWS:
        v = sum(items.get(p, ZERO) for p in parts)
        if v:
            w("  %s %s %s" % (row, fmt(v), fmt(v)))
    w("}")
    w("")

    w('assets "%d-12-31" {' % (dept["year"] - 1))
    for k, n, v in dept["assets"]:
        w("  %s %s %s" % (k, n if n is not None else "-", fmt(v)))
    w("  planned %s" % fmt(dept["planned"]))
    w("}")
    return "\n".join(out) + "\n"


# ---- the text of a department --------------------------------------------------------

def unit_text(u):
    out = []
    w = out.append
    w('unit %s "%s" {' % (u.uid, u.name))
    w("  nature %s" % u.nature)
    w("  rank %s" % u.rank)
    w('  funding "%s"' % u.funding)
    w("")
    w("  income {")
    for s, a in u.income():
        w("    %s %s" % (s, fmt(a)))
    w("  }")
    for src in u.sources(u.spend):
        w("")
        w("  spending %s {" % src)
        for s, c, k, a in u.spend:
            if s == src:
                w("    %s %s %s" % (c, k, fmt(a)))
        w("  }")
    for src in u.sources(u.econ):
        w("")
        w("  economic %s {" % src)
        for s, c, a in u.econ:
            if s == src:
                w("    %s %s" % (c, fmt(a)))
        w("  }")
    if u.sangong:
        w("")
        w("  sangong 一般公共预算 {")
        for item, a in u.sangong:
            w("    %s %s" % (item, fmt(a)))
        w("  }")
    for i, p in enumerate(u.projects):
        w("")
        w("  // %d、%s绩效目标表" % (i + 1, p.name))
        w('  project "%s" {' % p.name)
        w("    code %s" % p.code)
        w("    amount %s" % fmt(p.amount))
        w('    goal "%s"' % p.goal)
        w("    indicators {")
        for r in p.indicators:
            w("      " + r)
        w("    }")
        for c, n, m, qty, price, amt, sme, src in p.purchases:
            extra = ""
            if sme:
                extra += " sme %s" % fmt(sme)
            if src != "一般公共预算":
                extra += " source %s" % src
            w('    purchase %s "%s" measure %s quantity %d price %s amount %s%s' % (
                c, n, m, qty, fmt(price), fmt(amt), extra))
        w("  }")
    w("}")
    return "\n".join(out) + "\n"


def change_clause(path, now, last, reason):
    if now == last:
        return "与上年持平"
    if now > last:
        return "比上年增加{%s - 上年.%s = %s}万元，主要原因是%s" % (path, path, fmt(now - last), reason[0])
    return "比上年减少{上年.%s - %s = %s}万元，主要原因是%s" % (path, path, fmt(last - now), reason[1])


def narrative_text(dept):
    rng = dept["rng"]
    units = dept["units"]
    tot = derive_totals(units)
    prior = dept["prior"]
    name, topic, year = dept["name"], dept["topic"], dept["year"]
    income = {}
    for u in units:
        for s, a in u.income():
            income[s] = income.get(s, ZERO) + a
    out = []
    w = out.append
    w("performance {")
    w('  goal "围绕%d年%s工作目标，加强预算管理，提高财政资金使用效益，保障%s各项重点任务顺利完成，'
      '推动%s事业高质量发展。"' % (year, topic, name, topic))
    projects = [p for u in units for p in u.projects]
    for g in range(rng.randint(1, 3)):
        w('  target "%s重点工作%s" {' % (topic, ORDINALS[g]))
        w('    "按时完成年度重点工作任务" "重点工作完成率" ≥%d%%' % rng.randint(90, 100))
        w('    "提升服务对象满意程度" "服务对象满意度" ≥%d%%' % rng.randint(85, 95))
        if projects:
            p = rng.choice(projects)
            w('    "%s按计划实施" "%s" %s' % (p.name, p.indicators[0].split('"')[1],
                                          p.indicators[0].split()[-2]))
        w("  }")
    w("}")
    w("")
    w("narrative {")
    w('  "按照《预算法》、《地方预决算公开操作规程》等规定，现将%s%d年部门预算公开如下："' % (name, year))
    w("")
    w('  section 部门职责及机构设置 "一、部门职责及机构设置情况" {')
    w('    heading "部门职责："')
    duties = [
        "贯彻执行国家和省、市有关%s工作的方针政策和法律法规，拟订全%s%s发展规划并组织实施。",
        "负责全%s%s领域的统筹协调和监督管理，推进%s领域改革创新。",
        "组织实施%s领域重点项目和专项工作，做好相关资金的使用管理和绩效评价。",
        "负责%s领域公共服务体系建设，指导基层开展%s相关工作。",
        "承担%s领域安全生产和应急管理的有关工作，完成%s相关统计和信息公开。",
        "完成县委、县政府交办的其他任务。",
    ]
    county = dept["place"][-1]
    for i, d in enumerate(duties):
        args = {0: (topic, county, topic), 1: (county, topic, topic), 2: (topic,), 3: (topic, topic),
                4: (topic, topic), 5: ()}[i]
        w('    "（%s）%s"' % (ORDINALS[i], d % args))
    w('    heading "机构设置："')
    admin = sum(1 for u in units if u.nature == "行政")
    w('    "%s部门预算由%s组成，其中行政单位%d个，事业单位%d个。"' % (
        name, "、".join(u.name for u in units), admin, len(units) - admin))
    w("    insert 机构设置表")
    w("  }")
    w("")

    w('  section 预算安排总体情况 "二、部门预算安排的总体情况" {')
    w('    "按照预算管理有关规定，本部门预算的编制实行综合预算管理，全部收入和支出都反映在预算中。"')
    w('    heading "1、收入说明"')
    parts = "，".join("%s收入{收入.%s = %s}万元" % (s, s, fmt(a)) for s, a in
                     sorted(income.items(), key=lambda x: SRC_INDEX[x[0]]))
    w('    "%d年预算收入{收入.合计 = %s}万元，其中：%s。"' % (year, fmt(sum(income.values())), parts))
    w('    heading "2、支出说明"')
    w('    "%d年支出预算{支出.合计 = %s}万元，其中基本支出{支出.基本 = %s}万元，包括人员经费和日常公用经费；'
      '项目支出{支出.项目 = %s}万元，主要用于%s领域重点工作。"' % (
          year, fmt(tot["total"]), fmt(tot["basic"]), fmt(tot["project"]), topic))
    w('    heading "3、比上年增减情况"')
    w('    "%d年预算收支安排{支出.合计 = %s}万元，%s；其中：基本支出%s；项目支出%s。"' % (
        year, fmt(tot["total"]),
        change_clause("支出.合计", tot["total"], prior["支出.合计"], ("人员经费和重点项目增加", "压减一般性支出")),
        change_clause("支出.基本", tot["basic"], prior["支出.基本"], ("人员调资增加", "人员变动减少")),
        change_clause("支出.项目", tot["project"], prior["支出.项目"], ("新增重点项目", "部分项目完成后不再安排"))))
    w("  }")
    w("")

    # 机关运行经费: the 公用经费 of the 行政 units (一般公共预算); its parts are
    # listed when every unit is 行政 (table 6 then holds only theirs).
    admin_public = [(c, a) for u in units if u.nature == "行政" for s, c, a in u.econ
                    if s == "一般公共预算" and econ_class(c) == 1]
    w('  section 机关运行经费 "三、机关运行经费安排情况" {')
    text = "%d年机关运行经费安排{机关运行经费 = %s}万元" % (year, fmt(sum(a for _, a in admin_public)))
    if admin == len(units):
        text += "，其中：" + "，".join("%s{基本支出[%s] = %s}万元" % (ECON[c], c, fmt(a))
                                     for c, a in admin_public)
    w('    "%s。"' % text)
    w("  }")
    w("")

    sg = tot["sg"]
    sg_total = sum(sg.values())
    w('  section 三公经费 "四、财政拨款“三公”经费预算情况及增减变化原因" {')
    w('    "%d年“三公”经费预算{三公.合计 = %s}万元，其中：因公出国（境）费{三公.因公出国费 = %s}万元；'
      '公务用车购置费{三公.公务用车购置费 = %s}万元，公务用车运行维护费{三公.公务用车运行维护费 = %s}万元；'
      '公务接待费{三公.公务接待费 = %s}万元。%d年“三公”经费为{上年.三公.合计 = %s}万元，其中：因公出国（境）费'
      '{上年.三公.因公出国费 = %s}万元；公务用车购置费{上年.三公.公务用车购置费 = %s}万元，公务用车运行维护费'
      '{上年.三公.公务用车运行维护费 = %s}万元；公务接待费{上年.三公.公务接待费 = %s}万元。"' % (
          year, fmt(sg_total), fmt(sg["因公出国费"]), fmt(sg["公务用车购置费"]), fmt(sg["公务用车运行维护费"]),
          fmt(sg["公务接待费"]), year - 1, fmt(prior["三公.合计"]), fmt(prior["三公.因公出国费"]),
          fmt(prior["三公.公务用车购置费"]), fmt(prior["三公.公务用车运行维护费"]), fmt(prior["三公.公务接待费"])))
    w('    "“三公”经费%s。"' % change_clause("三公.合计", sg_total, prior["三公.合计"],
                                           ("公务活动和公务用车运行需要增加", "按照厉行节约的原则压缩“三公”经费支出")))
    w("  }")
    w("")

    w('  section 绩效信息 "五、预算绩效信息" {')
    w('    heading "第一部分 部门整体绩效目标"')
    w("    insert 部门整体绩效目标")
    w('    heading "第二部分 预算项目绩效目标"')
    w('    "本部门%d年共有{项目.数量 = %d}个项目编制了绩效目标，绩效目标表如下。"' % (year, len(projects)))
    w("    insert 项目绩效目标表")
    w("  }")
    w("")

    purchases = [pl for p in projects for pl in p.purchases]
    ptotal = sum(pl[5] for pl in purchases)
    psme = sum(pl[6] for pl in purchases)
    w('  section 政府采购 "六、政府采购预算情况" {')
    if purchases:
        w('    "%d年，%s安排政府采购预算{采购.合计 = %s}万元，其中：货物类{采购.货物 = %s}万元，服务类'
          '{采购.服务 = %s}万元；预留中小微企业份额{采购.中小微 = %s}万元。具体内容见下表。"' % (
              year, name, fmt(ptotal), fmt(sum(pl[5] for pl in purchases if pl[0][0] == "A")),
              fmt(sum(pl[5] for pl in purchases if pl[0][0] == "C")), fmt(psme)))
        w("    insert 政府采购表")
    else:
        w('    "%d年，%s无政府采购预算。"' % (year, name))
    w("  }")
    w("")

    w('  section 国有资产 "七、国有资产信息" {')
    text = "截至%d年12月31日，%s共有固定资产{资产.总额 = %s}万元" % (year - 1, name, fmt(dept["assets"][0][2]))
    veh = [a for a in dept["assets"] if a[0] == "车辆"]
    if veh:
        text += "，其中车辆{资产.车辆.数量 = %d}辆" % veh[0][1]
    text += "。本年度拟购置固定资产{资产.拟购置 = %s}万元，已列入政府采购预算。" % fmt(dept["planned"])
    w('    "%s"' % text)
    w("    insert 国有资产表")
    w("  }")
    w("")
    w('  section 名词解释 "八、名词解释" {')
    w("    insert 名词解释")
    w("  }")
    w("")
    w('  section 其他事项 "九、其他需要说明的事项" {')
    w('    "本部门无其他需要说明的事项。"')
    w("  }")
    w("}")
    w("")
    w("glossary {")
    for k, v in rng.sample(GLOSSARY, rng.randint(5, len(GLOSSARY))):
        w('  "%s" "%s"' % (k, v))
    w("}")
    return "\n".join(out) + "\n"


def prior_text(dept):
    out = ["prior {"]
    for k in ["支出.合计", "支出.基本", "支出.项目", "三公.合计", "三公.因公出国费", "三公.公务用车购置费",
              "三公.公务用车运行维护费", "三公.公务接待费"]:
        out.append("  %s %s" % (k, fmt(dept["prior"][k])))
    out.append("}")
    return "\n".join(out) + "\n"


def header_text(dept):
    return ('import "std/2023.bud"\n\ndepartment %s "%s" {\n  year %d\n  money 万元\n}\n' % (
        dept["code"], dept["name"], dept["year"]))


def department_files(dept, stem):
    """[(relative path, text)]: one file, or an entry file and its parts."""
    head = "// %s %d 年部门预算（bench/gen.py 生成的测试数据）\n\n" % (dept["name"], dept["year"])
    units = "\n".join(unit_text(u) for u in dept["units"])
    tables = tables_text(dept)
    narrative = narrative_text(dept)
    prior = prior_text(dept)
    if not dept["split"]:
        return [(stem + ".bud", head + header_text(dept) + "\n" + units + "\n" + prior + "\n" +
                 tables + "\n" + narrative)]
    entry = (head + header_text(dept) + "\n" +
             "".join('import "%s/%s.bud"\n' % (stem, p) for p in ("units", "tables", "narrative")) +
             "\n" + prior)
    return [(stem + ".bud", entry), (stem + "/units.bud", units), (stem + "/tables.bud", tables),
            (stem + "/narrative.bud", narrative)]


# ---- the Ledger journal -------------------------------------------------------------

def acct(s):
    return s.replace(":", "：").replace("(", "（").replace(")", "）").replace("[", "【").replace("]", "】") \
        .replace(";", "；").replace("  ", " ")


def ledger_text(dept):
    D = "部门:%s" % dept["code"]
    out = []
    w = out.append
    date = "%d-01-01" % dept["year"]
    w("; %s %s" % (dept["code"], dept["name"]))
    for u in dept["units"]:
        U = "%s:%s" % (D, u.uid)
        w("%s * %s %s 收入" % (date, dept["code"], acct(u.name)))
        for s, a in u.income():
            w("    %s:资金:%s    %s CNY" % (U, s, fmt(a)))
        w("    %s:收入来源" % U)
        w("")
        for src in u.sources(u.spend):
            lines = [x for x in u.spend if x[0] == src]
            total = sum(a for *_, a in lines)
            basic = sum(a for _, _, k, a in lines if k == "基本")
            w("%s * %s %s 支出 %s" % (date, dept["code"], acct(u.name), src))
            for s, c, k, a in lines:
                w("    %s:支出:%s:%s:%s    %s CNY" % (U, src, c, k, fmt(a)))
            if basic:
                w("    (%s:核对:基本支出:%s:%s)    %s CNY" % (D, u.uid, src, fmt(basic)))
            w("    (%s:核对:支出合计)    %s CNY" % (D, fmt(total)))
            w("    %s:资金:%s    %s CNY = 0 CNY" % (U, src, fmt(-total)))
            w("")
        for src in u.sources(u.econ):
            lines = [x for x in u.econ if x[0] == src]
            total = sum(a for *_, a in lines)
            w("%s * %s %s 基本支出经济分类 %s" % (date, dept["code"], acct(u.name), src))
            for s, c, a in lines:
                w("    %s:经济分类:%s:%s    %s CNY" % (U, src, c, fmt(a)))
                if src == "一般公共预算":
                    for item, ec in SG_ECON.items():
                        if ec == c:
                            w("    (%s:核对:三公:%s:%s)    %s CNY" % (D, u.uid, item, fmt(a)))
            w("    %s:基本支出:%s    %s CNY" % (U, src, fmt(-total)))
            w("    (%s:核对:基本支出:%s:%s)    %s CNY = 0 CNY" % (D, u.uid, src, fmt(-total)))
            w("")
        if u.sangong:
            w("%s * %s %s 三公经费" % (date, dept["code"], acct(u.name)))
            for item, a in u.sangong:
                w("    %s:三公:一般公共预算:%s    %s CNY" % (U, item, fmt(a)))
                w("    (%s:核对:三公:%s:%s)    %s CNY = 0 CNY" % (D, u.uid, item, fmt(-a)))
            w("    %s:三公来源" % U)
            w("")
        for p in u.projects:
            if not p.purchases:
                continue
            w("%s * %s %s 政府采购 %s" % (date, dept["code"], acct(u.name), acct(p.name)))
            for c, n, m, qty, price, amt, sme, src in p.purchases:
                w("    %s:采购:%s:%s    %s CNY" % (U, acct(p.name), c, fmt(amt)))
            w("    %s:项目:%s" % (U, acct(p.name)))
            w("")
    w("%s * %s %s 支出合计" % (date, dept["code"], acct(dept["name"])))
    w("    (%s:核对:支出合计)    0 CNY = %s CNY" % (D, fmt(derive_totals(dept["units"])["total"])))
    w("")
    return "\n".join(out) + "\n"


# ---- the corpus -----------------------------------------------------------------------

def counts_of(dept):
    c = {"income": 0, "spending": 0, "economic": 0, "sangong": 0, "indicator": 0, "purchase": 0,
         "projects": 0, "units": len(dept["units"])}
    for u in dept["units"]:
        c["income"] += len(u.income())
        c["spending"] += len(u.spend)
        c["economic"] += len(u.econ)
        c["sangong"] += len(u.sangong)
        c["projects"] += len(u.projects)
        for p in u.projects:
            c["indicator"] += len(p.indicators)
            c["purchase"] += len(p.purchases)
    return c


def build(args):
    seed, idx = args
    dept = make_department(seed, idx)
    stem = "dept-%05d" % idx
    files = [(p, t.encode("utf-8")) for p, t in department_files(dept, stem)]
    return idx, files, ledger_text(dept).encode("utf-8"), counts_of(dept)


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?", s.strip())
    if not m:
        raise argparse.ArgumentTypeError("a size such as 1MB, 500KB or 100MB")
    mult = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", default="1")
    ap.add_argument("--size", type=parse_size, default=parse_size("1MB"),
                    help="bytes of .bud to write at least (1MB = 10^6 bytes)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()

    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):  # a fresh corpus: remove the last one's departments
        p = os.path.join(a.out, f)
        if f.startswith("dept-"):
            if os.path.isdir(p):
                for g in os.listdir(p):
                    os.remove(os.path.join(p, g))
                os.rmdir(p)
            else:
                os.remove(p)
    total = {"income": 0, "spending": 0, "economic": 0, "sangong": 0, "indicator": 0,
             "purchase": 0, "projects": 0, "units": 0}
    nbytes = nfiles = ndept = nsplit = 0
    ledger_path = os.path.join(a.out, "journal.ledger")
    idx = 0
    batch = 8 * max(1, a.jobs)
    with open(ledger_path + ".tmp", "wb") as ledger, Pool(a.jobs) if a.jobs > 1 else _Serial() as pool:
        done = False
        while not done:
            for i, files, led, counts in pool.imap(build, [(a.seed, j) for j in range(idx, idx + batch)]):
                if nbytes >= a.size:
                    done = True
                    break
                for rel, data in files:
                    path = os.path.join(a.out, rel)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "wb") as f:
                        f.write(data)
                    nbytes += len(data)
                    nfiles += 1
                nsplit += len(files) > 1
                ledger.write(led)
                for k in total:
                    total[k] += counts[k]
                ndept += 1
            idx += batch
    os.replace(ledger_path + ".tmp", ledger_path)
    items = sum(total[k] for k in ("income", "spending", "economic", "sangong", "indicator", "purchase"))
    money_items = items - total["indicator"]
    manifest = {
        "seed": a.seed, "size_requested": a.size, "bud_bytes": nbytes, "bud_files": nfiles,
        "departments": ndept, "split_departments": nsplit, "line_items": items,
        "money_line_items": money_items, "counts": total,
        "ledger_bytes": os.path.getsize(ledger_path), "ledger_postings_for_line_items": money_items,
    }
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("gen.py: %s: %d departments (%d split), %d files, %.1f MB of .bud, %d line items" % (
        a.out, ndept, nsplit, nfiles, nbytes / 1e6, items), file=sys.stderr)


class _Serial:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap(self, f, it):
        return map(f, it)


if __name__ == "__main__":
    main()
