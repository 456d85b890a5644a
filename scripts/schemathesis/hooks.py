"""Schemathesis hooks for the API's contract run (scripts/schemathesis-run.ts).

Each operation is called with the token of a role it admits (`x-roles` in the document), and each case is brought
within the rules the document states in words because JSON Schema cannot say them across fields: a cursor is a
place in a list answered before (left out), `from` is not after `to`, an evaluation or a monthly report is addressed as
`<assignmentId>/<year>` or `<assignmentId>/<YYYY-MM>`, a plan's trip lies in its month, a meeting is ahead.
"""
import json
import os
import re

import schemathesis

TOKENS = json.loads(os.environ.get("DIABAN_ST_TOKENS", "{}"))

SUBJECT_FORMS = {
    "AnnualEvaluation": re.compile(r"^.+/\d{4}$"),
    "MonthlyReport": re.compile(r"^.+/\d{4}-\d{2}(?:-adhoc-\d+)?$"),
}


@schemathesis.hook
def before_call(context, case, kwargs):
    _keep_worded_rules(case.query)
    _keep_worded_rules(case.body)
    _keep_time_rules(case)
    roles = case.operation.definition.raw.get("x-roles") or []
    token = next((TOKENS[role] for role in roles if role in TOKENS), None)
    if token:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


def _comparable(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def _keep_worded_rules(values):
    """Brings a generated query or body within the rules the document states in words (module docstring)."""
    if not isinstance(values, dict):
        return
    values.pop("cursor", None)
    start, end = values.get("from"), values.get("to")
    if start is not None and end is not None:
        low, high = _comparable(start), _comparable(end)
        if type(low) is type(high) and low > high:
            values["from"], values["to"] = end, start
    form = SUBJECT_FORMS.get(values.get("subjectType"))
    subject = values.get("subjectId")
    if form and isinstance(subject, str) and not form.match(subject.strip()):
        suffix = "2025" if values.get("subjectType") == "AnnualEvaluation" else "2025-01"
        values["subjectId"] = f"{subject.strip() or 'x'}/{suffix}"[-300:]


def _keep_time_rules(case):
    """A plan's trip lies in the plan's month; a meeting is invited ahead of its start (both said in words)."""
    body = case.body if isinstance(case.body, dict) else None
    if body is None:
        return
    period = (case.path_parameters or {}).get("period")
    planned = body.get("plannedFor")
    if isinstance(period, str) and isinstance(planned, str) and len(planned) == 10 and not planned.startswith(period):
        body["plannedFor"] = f"{period}-{min(planned[8:10], '28')}"
    starts = body.get("startsAt")
    if isinstance(starts, str) and starts[:4] < "2099":
        body["startsAt"] = "2099" + starts[4:]
