#include "otlprequesthandler.h"

#include "batchsink.h"
#include "eventjson.h"
#include "gunzip.h"
#include "httprequest.h"
#include "ingest/otlpjson.h"
#include "otlpreceiverstats.h"
#include "recordqueue.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr QByteArrayView TracesPath = "/v1/traces";

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

OtlpRequestHandler::OtlpRequestHandler(const OtlpReceiverConfig &config, RecordQueue *queue, int source,
                                       OtlpReceiverCounters *counters)
    : m_config(config)
    , m_queue(queue)
    , m_source(source)
    , m_counters(counters)
    , m_stitcher(config.stitchHoldMs, config.stitchHoldMs > 0 ? config.maxHeldRecords : 0)
{
}

std::optional<HttpResponse> OtlpRequestHandler::checkHeaders(const HttpRequest &request) const
{
    if (request.path() != TracesPath) {
        return HttpResponse::rpcStatus(404, RpcCode::NotFound,
                                       u"not found: this receiver serves OTLP/HTTP traces at POST /v1/traces only"_s);
    }
    if (request.method != "POST") {
        HttpResponse r = HttpResponse::rpcStatus(405, RpcCode::Unimplemented, u"method not allowed: use POST"_s);
        r.headers.append(qMakePair(QByteArray("Allow"), QByteArray("POST")));
        return r;
    }
    if (!m_config.bearerToken.isEmpty()) {
        const QByteArray authorization = request.header("Authorization");
        const bool bearer = authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0;
        if (!bearer || !constantTimeEquals(authorization.mid(7).trimmed(), m_config.bearerToken)) {
            HttpResponse r = HttpResponse::rpcStatus(401, RpcCode::Unauthenticated,
                authorization.isEmpty() ? u"missing bearer token: send \"Authorization: Bearer <token>\""_s
                                        : u"invalid bearer token"_s);
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"apprentice\"")));
            return r;
        }
    }
    const QByteArray type = request.mediaType();
    if (type == "application/x-protobuf" || type == "application/protobuf") {
        return HttpResponse::rpcStatus(415, RpcCode::InvalidArgument,
            u"unsupported media type %1: this receiver reads OTLP/HTTP JSON; set the exporter's protocol to http/json "
            "(OTEL_EXPORTER_OTLP_PROTOCOL=http/json) so it sends Content-Type: application/json"_s.arg(QString::fromLatin1(type)));
    }
    if (type != "application/json") {
        return HttpResponse::rpcStatus(415, RpcCode::InvalidArgument,
            type.isEmpty() ? u"missing Content-Type: OTLP/HTTP JSON requests need Content-Type: application/json"_s
                           : u"unsupported media type %1: send OTLP/HTTP JSON with Content-Type: application/json"_s.arg(
                                 QString::fromLatin1(type)));
    }
    const QByteArray encoding = request.header("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "gzip" && encoding != "identity") {
        return HttpResponse::rpcStatus(415, RpcCode::InvalidArgument,
            u"unsupported Content-Encoding %1: send the body as is or gzip-compressed"_s.arg(QString::fromLatin1(encoding)));
    }
    return std::nullopt;
}

HttpResponse OtlpRequestHandler::handle(const HttpRequest &request)
{
    if (std::optional<HttpResponse> refusal = checkHeaders(request))
        return *refusal;

    if (request.chunked)
        ++m_counters->requestsChunked;
    QByteArray inflated;
    QByteArrayView body = request.body;
    if (request.header("Content-Encoding").trimmed().compare("gzip", Qt::CaseInsensitive) == 0) {
        ++m_counters->requestsGzip;
        QString why;
        const GunzipError e = gunzip(request.body, m_config.maxDecodedBytes, inflated, &why);
        if (e == GunzipError::TooLarge)
            return HttpResponse::rpcStatus(413, RpcCode::ResourceExhausted, why);
        if (e != GunzipError::None)
            return HttpResponse::rpcStatus(400, RpcCode::InvalidArgument, why);
        body = inflated;
    } else if (request.body.size() > m_config.maxDecodedBytes) {
        return HttpResponse::rpcStatus(413, RpcCode::ResourceExhausted,
                                       u"request body larger than %1 bytes"_s.arg(m_config.maxDecodedBytes));
    }

    const std::string_view json(body.data(), size_t(body.size()));
    thread_local std::vector<OtlpSpanInfo> spans;
    if (const QString problem = indexOtlpRequest(json, spans); !problem.isEmpty())
        return HttpResponse::rpcStatus(400, RpcCode::InvalidArgument, problem);

    const qint64 number = ++m_counters->requestNumber;
    qint64 accepted = 0;
    qint64 rejected = 0;
    QString firstReason;
    {
        QMutexLocker lock(&m_stitchMutex);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        TraceStitcher::Plan plan = m_stitcher.plan(spans, number, now);
        accepted = plan.ownRecords;
        LiveBatch batch;
        batch.connection = m_source;
        batch.records = std::move(plan.ready);
        BatchSink sink(batch, m_config.maxItemisedRejections);
        for (const auto &[line, why] : plan.rejections)
            sink.onRejected(line, why);
        rejected = batch.rejected;
        firstReason = sink.firstReason();
        if (!batch.isEmpty() && !m_queue->push(std::move(batch))) {
            HttpResponse r = HttpResponse::rpcStatus(503, RpcCode::Unavailable,
                u"the console is behind (%1 records waiting to be analysed); retry later"_s.arg(m_queue->size()));
            r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
            return r;
        }
        m_counters->recordsHeld += plan.heldRecords();
        m_counters->llmCalls += plan.llmCalls;
        m_counters->llmCallsUnpriced += plan.unpricedCalls;
        m_stitcher.apply(std::move(plan), spans, now);
    }
    m_counters->spansAccepted += accepted;
    m_counters->spansRejected += rejected;

    HttpResponse r;
    if (rejected == 0) {
        r.body = "{}";
    } else {
        const QString message = rejected == 1 ? firstReason
                                              : u"%1 spans rejected; the first: %2"_s.arg(rejected).arg(firstReason);
        r.body = "{\"partialSuccess\":{\"rejectedSpans\":\"" + QByteArray::number(rejected)
            + "\",\"errorMessage\":" + jsonString(message) + "}}";
    }
    return r;
}

qint64 OtlpRequestHandler::releaseHeld(qint64 nowMs, bool all)
{
    QMutexLocker lock(&m_stitchMutex);
    std::vector<quint64> ids;
    LiveBatch batch;
    batch.connection = m_source;
    batch.records = m_stitcher.due(nowMs, all, ids);
    if (batch.records.empty())
        return 0;
    const qint64 n = qint64(batch.records.size());
    if (!m_queue->push(std::move(batch), all))
        return 0; // the queue is full: they wait for the next turn
    m_stitcher.release(ids);
    return n;
}

qint64 OtlpRequestHandler::heldRecords() const
{
    QMutexLocker lock(&m_stitchMutex);
    return m_stitcher.heldCount();
}

} // namespace Apprentice
