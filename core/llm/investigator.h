#pragma once

#include "chatrequest.h"
#include "diagnosis.h"
#include "investigationresult.h"
#include "providerreply.h"
#include "retrypolicy.h"
#include "tierladder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Apprentice {

class LlmProvider;

/// Runs one investigation up the ladder: each tier in order until an answer reaches the tier's
/// accept_confidence (the last tier is always accepted). A failing tier (refused, timeout, HTTP
/// error after bounded retries, missing key, an unusable answer after one repair request) is
/// recorded and the next tier is tried. Every request lands in the transcript.
class Investigator : public QObject
{
    Q_OBJECT
public:
    /// `network` may be shared; when null the investigator makes its own.
    explicit Investigator(const TierLadder &ladder, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~Investigator() override;

    void setLadder(const TierLadder &ladder); ///< for investigations started afterwards
    const TierLadder &ladder() const { return m_ladder; }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }

    /// Starts asynchronously (finished() never fires inside start()); a running investigation is
    /// superseded silently.
    void start(const InvestigationContext &ctx);
    /// The same with another ladder for this investigation only (a re-run with one chosen tier).
    void start(const InvestigationContext &ctx, const TierLadder &ladder);
    /// Stops the running investigation; finished() reports it as Cancelled with the calls made so far.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    /// One transcript entry, as soon as its request ends (for live display).
    void callFinished(const Apprentice::TierCall &call);
    void finished(const Apprentice::InvestigationResult &result);

private:
    void runTier();
    void runRulesTier(const TierConfig &tier);
    void sendToProvider();
    void onProviderReply(quint64 generation, const ProviderReply &reply);
    void record(TierCall call);
    void nextTier();
    void conclude();

    TierLadder m_ladder;
    TierLadder m_activeLadder;
    QPointer<QNetworkAccessManager> m_network;
    RetryPolicy m_policy;
    InvestigationContext m_ctx;
    InvestigationResult m_result;
    LlmProvider *m_provider = nullptr;
    ChatRequest m_chat;
    QElapsedTimer m_clock;
    int m_tierIndex = 0;
    int m_attempt = 1;
    quint64 m_generation = 0;
    bool m_running = false;
};

/// The headless form for the CLI: runs `ctx` through `ladder` in a local event loop and returns the result.
/// A ladder of only rules tiers needs no QCoreApplication; network tiers do.
InvestigationResult investigateBlocking(const TierLadder &ladder, const InvestigationContext &ctx,
                                        const RetryPolicy &policy = RetryPolicy());

} // namespace Apprentice
