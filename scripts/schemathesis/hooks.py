"""Schemathesis hooks for the API's contract run (scripts/schemathesis-run.ts).

Each operation is called with the token of a role it admits (`x-roles` in the document), and each case is brought
within the rules the document states in words because JSON Schema cannot say them across fields: a cursor is a
place in a list answered before (left out), `from` is not after `to`, an evaluation or a monthly report is addressed as
`<assignmentId>/<year>` or `<assignmentId>/<YYYY-MM>`, a plan's trip lies in its month, a meeting is ahead (within two years).
"""
import json
from datetime import datetime, timedelta, timezone
import os
import re

import schemathesis

TOKENS = json.loads(os.environ.get("DIABAN_ST_TOKENS", "{}"))

# As the server reads them (JavaScript: ASCII digits, `.` short of line breaks, `$` at the very end).
JS_LINE_BREAKS = re.compile("[\n\r\u2028\u2029]")
SUBJECT_FORMS = {
    "AnnualEvaluation": re.compile(r"^[^\n\r\u2028\u2029]+/[0-9]{4}\Z"),
    "MonthlyReport": re.compile(r"^[^\n\r\u2028\u2029]+/[0-9]{4}-[0-9]{2}(?:-adhoc-[0-9]+)?\Z"),
}


@schemathesis.hook
def before_call(context, case, kwargs):
    _keep_worded_rules(case.query)
    _keep_worded_rules(case.body)
    if isinstance(case.body, (dict, list)):
        case.body = _without_nul(case.body)
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
    subject_type = values.get("subjectType")
    form = SUBJECT_FORMS.get(subject_type) if isinstance(subject_type, str) else None
    subject = values.get("subjectId")
    if form and isinstance(subject, str) and not form.match(subject.strip()):
        suffix = "2025" if values.get("subjectType") == "AnnualEvaluation" else "2025-01"
        one_line = JS_LINE_BREAKS.sub(" ", subject).strip()
        values["subjectId"] = f"{one_line or 'x'}/{suffix}"[-300:]


PAST_DAYS = ("receivedOn", "heldOn", "activeFrom")


def _keep_time_rules(case):
    """A plan's trip lies in the plan's month; a meeting is invited ahead of its start, within two years."""
    body = case.body if isinstance(case.body, dict) else None
    if body is None:
        return
    period = (case.path_parameters or {}).get("period")
    planned = body.get("plannedFor")
    if isinstance(period, str) and isinstance(planned, str) and len(planned) == 10 and not planned.startswith(period):
        body["plannedFor"] = f"{period}-{min(planned[8:10], '28')}"
    # Days a person records once they have passed (a complaint received, a session held, an official in service):
    # "not after today" depends on the day, which JSON Schema cannot say; the document says it in words.
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).strftime("%Y-%m-%d")
    for field in PAST_DAYS:
        day = body.get(field)
        if isinstance(day, str) and len(day) == 10 and day > yesterday:
            body[field] = yesterday
    if isinstance(body.get("startsAt"), str):
        # Ahead, and within two years: a month from now.
        ahead = datetime.now(timezone.utc) + timedelta(days=30)
        body["startsAt"] = ahead.strftime("%Y-%m-%dT02:00:00Z")


# A refusal only the records can decide (a group that does not exist, a body that is no Temporal history) is not a
# constraint the document could have said; a 400 INVALID_INPUT (zod issues, a NUL character) or malformed JSON is.
DOCUMENTABLE_REFUSALS = {"INVALID_INPUT", "FST_ERR_CTP_INVALID_JSON_BODY", "FST_ERR_CTP_EMPTY_JSON_BODY"}


@schemathesis.check
def schema_valid_request_accepted(ctx, response, case):
    """A request the document admits is not refused for a constraint the document could have said."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    try:
        code = response.json()["error"]["code"]
    except Exception:
        code = None
    if code in DOCUMENTABLE_REFUSALS or code is None:
        raise AssertionError(f"A schema-valid request was refused with 400 {code}: {response.text[:500]}")
    return None


def _clean(text):
    # NUL characters are refused in every string of a request (said for each string the document types); free-form
    # values (a policy's fields) and their names cannot carry that pattern. Lone surrogates are no JSON text at all.
    return "".join(ch for ch in text if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)


def _without_nul(value):
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        # The JSON parser refuses prototype poisoning (a `__proto__` key, `constructor.prototype`) outright.
        return {
            _clean(key) if isinstance(key, str) else key: _without_nul(item)
            for key, item in value.items()
            if key != "__proto__" and not (key == "constructor" and isinstance(item, dict) and "prototype" in item)
        }
    return value
