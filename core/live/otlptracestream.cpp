#include "otlptracestream.h"

#include "recordsink.h"

namespace Apprentice {

OtlpTraceStream::Limits OtlpTraceStream::Limits::singleRequest()
{
    Limits l;
    l.holdRequests = 0;
    l.maxHeldRecords = 0;
    l.maxRememberedSpans = 1;
    return l;
}

OtlpTraceStream::OtlpTraceStream()
    : OtlpTraceStream(Limits())
{
}

OtlpTraceStream::OtlpTraceStream(Limits limits)
    : m_stitcher(limits.holdRequests, limits.maxHeldRecords, limits.maxRememberedSpans)
{
}

void OtlpTraceStream::deliver(const std::vector<Record> &records, RecordSink &sink, OtlpConversion &c)
{
    for (const Record &r : records)
        sink.onRecord(r.view(m_scratch));
    c.records += qint64(records.size());
}

void OtlpTraceStream::deliverDue(bool all, RecordSink &sink, OtlpConversion &c)
{
    if (m_stitcher.heldCount() == 0)
        return;
    const std::vector<Record> due = m_stitcher.due(m_clock, all, m_ids);
    deliver(due, sink, c);
    m_stitcher.release(m_ids);
}

OtlpConversion OtlpTraceStream::add(std::string_view json, qint64 line, RecordSink &sink)
{
    OtlpConversion c;
    ++m_clock;
    if (const QString problem = indexOtlpRequest(json, m_spans); !problem.isEmpty()) {
        sink.onRejected(line, problem);
        ++c.rejected;
        return c;
    }
    TraceStitcher::Plan plan = m_stitcher.plan(m_spans, line, m_clock);
    deliver(plan.ready, sink, c);
    for (const auto &[at, why] : plan.rejections)
        sink.onRejected(at, why);
    c.rejected += qint64(plan.rejections.size());
    c.llmCalls += plan.llmCalls;
    c.unpricedCalls += plan.unpricedCalls;
    m_stitcher.apply(std::move(plan), m_spans, m_clock);
    deliverDue(false, sink, c);
    return c;
}

OtlpConversion OtlpTraceStream::finish(RecordSink &sink)
{
    OtlpConversion c;
    deliverDue(true, sink, c);
    return c;
}

} // namespace Apprentice
