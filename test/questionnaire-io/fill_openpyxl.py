"""Fills a caution form the way a script with openpyxl does, and saves it with openpyxl.

Usage: /usr/bin/python3 fill_openpyxl.py <in.xlsx> <out.xlsx> <fills.json>

fills.json: [{"sheet": "Answers", "cell": "D2", "kind": "text" | "date", "value": "..."}]. A date is assigned as a
datetime.date, which openpyxl stores as a date serial. A note is added to the Answered-on cell, as forms exported
before caution 0.2 carried one: openpyxl rewrites the note's relationship with an absolute target.
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.comments import Comment

source, target, plan = sys.argv[1:4]
wb = openpyxl.load_workbook(source)
with open(plan, encoding="utf-8") as f:
    for fill in json.load(f):
        cell = wb[fill["sheet"]][fill["cell"]]
        if fill["kind"] == "date":
            cell.value = datetime.date.fromisoformat(fill["value"])
        else:
            cell.value = fill["value"]
wb["Instructions"]["B9"].comment = Comment("The date the answers were given (YYYY-MM-DD).", "caution")
wb.save(target)
