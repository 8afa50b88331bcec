"""memoQ's MQXLIFF: XLIFF 1.2 whose <trans-unit>s carry memoQ's row attributes in the
namespace "MQXliff" (a bare name, not a URI), read by the XLIFF reader.

- ``mq:status``: the row status (NotStarted, PartiallyEdited, Pretranslated,
  ManuallyConfirmed, Reviewer1Confirmed, Proofread, Rejected...), see _status.MEMOQ_STATUSES.
- ``mq:percent``: the match the row was pre-translated from; memoQ writes 101 for a context
  match and 102 for a double-context (ICE) match.
- ``mq:locked="locked"``: the row is locked (memoQ writes no such attribute, or "no",
  otherwise). memoQ also marks a locked row translate="no", which in plain XLIFF means a unit
  to leave out; here the row is read, and --skip-locked decides.
- ``<mq:minorversions><mq:historical-unit>`` keeps earlier versions of the row, each with its
  own <source> and <target>: only the unit's own children are the pair.

Each trans-unit is one memoQ row, never split into <mrk mtype="seg">; inline codes are
<bpt>/<ept>/<ph> whose content is memoQ's own markup, escaped, which InlineTag.code keeps.
"""

from __future__ import annotations

from lxml import etree

from qa_tool.model import SegmentStatus
from qa_tool.readers._status import MEMOQ_STATUSES, match_percent, segment_status
from qa_tool.readers.xliff import Xliff1Dialect

MEMOQ_NAMESPACE = "MQXliff"
_MQ = f"{{{MEMOQ_NAMESPACE}}}"
LOCKED = "locked"


class MemoQDialect(Xliff1Dialect):
    def is_read(self, unit: etree._Element) -> bool:
        # memoQ marks a locked row translate="no" as well: it is a translation all the same,
        # which --skip-locked leaves out (and counts) when asked to.
        return super().is_read(unit) or self._locked(unit)

    def _locked(self, unit: etree._Element) -> bool:
        return unit.get(f"{_MQ}locked") == LOCKED

    def status(self, unit: etree._Element, target: etree._Element | None, mid: str | None) -> SegmentStatus | None:
        return segment_status(
            MEMOQ_STATUSES,
            unit.get(f"{_MQ}status"),
            locked=self._locked(unit),
            match_percent=match_percent(unit.get(f"{_MQ}percent")),
        )
