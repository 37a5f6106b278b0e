#include "evolution/evolutionstore.h"
#include "evolution/globpattern.h"
#include "evolution/mutationledger.h"
#include "evolution/mutationproposals.h"
#include "storage/store.h"
#include "storage/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1793491200000; // 2026-11-01T00:00:00Z

MutationProposal proposal(const QString &workflow, const QString &tool, MutationKind kind, const QString &customKind = {})
{
    MutationProposal p;
    p.workflow = workflow;
    p.version = u"1.0.0"_s;
    p.tool = tool;
    p.kind = kind;
    p.customKind = customKind;
    p.description = u"test"_s;
    p.source = MutationSource::Operator;
    return p;
}

/// A ledger whose clock advances one minute per reading, so the audit trail has distinct times.
void tick(MutationLedger &ledger)
{
    auto clock = std::make_shared<qint64>(T0);
    ledger.setClock([clock] { return *clock += 60000; });
}

QByteArray rulesFile(const QJsonArray &rules, int version = 1)
{
    QJsonObject o;
    o.insert(u"format", u"apprentice-avoidance-rules"_s);
    o.insert(u"version", version);
    o.insert(u"rules", rules);
    return QJsonDocument(o).toJson();
}

QJsonObject goodRule()
{
    return QJsonObject{{u"kind"_s, u"add_cache"_s}, {u"tool"_s, u"fetch_*"_s}, {u"broke"_s, u"stale order totals"_s}};
}

} // namespace

class TestEvolutionLedger : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Drives a fresh mutation along `path` (state names); returns the last step's success.
    static bool walk(MutationLedger &ledger, qint64 id, const QStringList &path, QString *error)
    {
        bool ok = true;
        for (const QString &step : path) {
            MutationState to;
            if (!mutationStateFromName(step, to))
                return false;
            switch (to) {
            case MutationState::Shadow: ok = ledger.startShadow(id, u"1.1.0"_s, u"ana"_s, u"trial"_s, error); break;
            case MutationState::Promoted: ok = ledger.promote(id, u"ana"_s, u"better"_s, {}, error); break;
            case MutationState::RolledBack: ok = ledger.rollBack(id, u"ana"_s, u"worse"_s, u"latency +14 %"_s, {}, error); break;
            case MutationState::Rejected: ok = ledger.reject(id, u"ana"_s, u"not worth it"_s, error); break;
            case MutationState::Proposed: ok = false; break;
            }
        }
        return ok;
    }

private slots:
    void transitions_data()
    {
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<bool>("lastAllowed");
        QTest::addColumn<QString>("finalState");
        QTest::newRow("proposed → shadow") << QStringList{u"shadow"_s} << true << u"shadow"_s;
        QTest::newRow("proposed → rejected") << QStringList{u"rejected"_s} << true << u"rejected"_s;
        QTest::newRow("proposed → promoted") << QStringList{u"promoted"_s} << false << u"proposed"_s;
        QTest::newRow("proposed → rolled_back") << QStringList{u"rolled_back"_s} << false << u"proposed"_s;
        QTest::newRow("shadow → promoted") << QStringList{u"shadow"_s, u"promoted"_s} << true << u"promoted"_s;
        QTest::newRow("shadow → rolled_back") << QStringList{u"shadow"_s, u"rolled_back"_s} << true << u"rolled_back"_s;
        QTest::newRow("shadow → rejected") << QStringList{u"shadow"_s, u"rejected"_s} << true << u"rejected"_s;
        QTest::newRow("promoted → rolled_back") << QStringList{u"shadow"_s, u"promoted"_s, u"rolled_back"_s} << true
                                                << u"rolled_back"_s;
        QTest::newRow("promoted → rejected") << QStringList{u"shadow"_s, u"promoted"_s, u"rejected"_s} << false
                                             << u"promoted"_s;
        QTest::newRow("rejected → shadow") << QStringList{u"rejected"_s, u"shadow"_s} << false << u"rejected"_s;
        QTest::newRow("rolled_back → promoted") << QStringList{u"shadow"_s, u"rolled_back"_s, u"promoted"_s} << false
                                                << u"rolled_back"_s;
    }

    void transitions()
    {
        QFETCH(QStringList, path);
        QFETCH(bool, lastAllowed);
        QFETCH(QString, finalState);
        MutationLedger ledger;
        const qint64 id = ledger.propose(proposal(u"wf"_s, u"fetch_data"_s, MutationKind::AddCache), u"ana"_s);
        QSignalSpy changed(&ledger, &MutationLedger::mutationChanged);
        QString error;
        const bool ok = walk(ledger, id, path, &error);
        QCOMPARE(ok, lastAllowed);
        QCOMPARE(mutationStateName(ledger.mutation(id)->state), finalState);
        if (!ok)
            QVERIFY2(error.contains(u"cannot move to"_s), qPrintable(error));
        // One audit entry per accepted step, after the proposal's own.
        QCOMPARE(int(ledger.mutation(id)->history.size()), 1 + int(changed.count()));
        QCOMPARE(MutationLedger::canTransition(MutationState::Proposed, MutationState::Shadow), true);
    }

    void auditTrailRecordsWhoWhyWhenAndEvidence()
    {
        MutationLedger ledger;
        tick(ledger);
        MutationProposal p = proposal(u"process_customer_order"_s, u"validate"_s, MutationKind::SanitizeInput);
        p.source = MutationSource::Diagnosis;
        p.sourceRef = u"drift #37"_s;
        p.eventIds = {37, 38};
        p.evidence = {u"validation 0.9975 → 0.94"_s};
        const qint64 id = ledger.propose(p, u"rules tier"_s);
        QVERIFY(ledger.startShadow(id, u"1.1.0"_s, u"ana"_s, u"try it on 10 % of traffic"_s));
        QVERIFY(ledger.promote(id, u"bo"_s, u"no regression"_s, {u"PROMOTE: no regression in 17 tests"_s}));

        const Mutation *m = ledger.mutation(id);
        QCOMPARE(m->candidateVersion, u"1.1.0"_s);
        QCOMPARE(m->eventIds, (QList<qint64>{37, 38}));
        QCOMPARE(int(m->history.size()), 3);
        const MutationTransition &created = m->history[0];
        QVERIFY(created.initial);
        QCOMPARE(created.who, u"rules tier"_s);
        QCOMPARE(created.why, u"proposed from drift #37"_s);
        QCOMPARE(created.atMs, T0 + 60000);
        const MutationTransition &shadow = m->history[1];
        QCOMPARE(shadow.from, MutationState::Proposed);
        QCOMPARE(shadow.to, MutationState::Shadow);
        QCOMPARE(shadow.who, u"ana"_s);
        QCOMPARE(shadow.why, u"try it on 10 % of traffic"_s);
        QVERIFY(shadow.evidence.contains(u"candidate version 1.1.0"_s));
        const MutationTransition &promoted = m->history[2];
        QCOMPARE(promoted.who, u"bo"_s);
        QCOMPARE(promoted.evidence, QStringList{u"PROMOTE: no regression in 17 tests"_s});
        QVERIFY(promoted.atMs > shadow.atMs && shadow.atMs > created.atMs);
        QCOMPARE(m->updatedMs, promoted.atMs);
    }

    void transitionsNeedWhoWhyAndCandidate_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("why");
        QTest::addColumn<QString>("extra"); // candidate version or what it broke
        QTest::addColumn<QString>("message");
        QTest::newRow("shadow without who") << 0 << u" "_s << u"why"_s << u"1.1.0"_s << u"who moves"_s;
        QTest::newRow("shadow without why") << 0 << u"ana"_s << u""_s << u"1.1.0"_s << u"why mutation"_s;
        QTest::newRow("shadow without version") << 0 << u"ana"_s << u"why"_s << u""_s << u"candidate version"_s;
        QTest::newRow("shadow on the same version") << 0 << u"ana"_s << u"why"_s << u"1.0.0"_s << u"must differ"_s;
        QTest::newRow("rollback without what broke") << 1 << u"ana"_s << u"why"_s << u""_s << u"what it broke"_s;
    }

    void transitionsNeedWhoWhyAndCandidate()
    {
        QFETCH(int, step);
        QFETCH(QString, who);
        QFETCH(QString, why);
        QFETCH(QString, extra);
        QFETCH(QString, message);
        MutationLedger ledger;
        const qint64 id = ledger.propose(proposal(u"wf"_s, u"t"_s, MutationKind::AddRetry), u"ana"_s);
        QString error;
        if (step == 0) {
            QVERIFY(!ledger.startShadow(id, extra, who, why, &error));
            QCOMPARE(ledger.mutation(id)->state, MutationState::Proposed);
        } else {
            QVERIFY(ledger.startShadow(id, u"1.1.0"_s, u"ana"_s, u"trial"_s));
            QVERIFY(!ledger.rollBack(id, who, why, extra, {}, &error));
            QCOMPARE(ledger.mutation(id)->state, MutationState::Shadow);
            QVERIFY(ledger.ruleBook().rules().empty());
        }
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void rollbackBecomesARuleEveryWorkflowInherits()
    {
        MutationLedger ledger;
        QSignalSpy rulesChanged(&ledger, &MutationLedger::rulesChanged);
        const qint64 a = ledger.propose(proposal(u"checkout"_s, u"fetch_data"_s, MutationKind::AddCache), u"ana"_s);
        QVERIFY(ledger.startShadow(a, u"1.1.0"_s, u"ana"_s, u"trial"_s));
        QVERIFY(ledger.rollBack(a, u"ana"_s, u"stale totals"_s, u"validate validation_pass −3.8 pp"_s,
                                {u"ROLL_BACK: validate validation_pass mean 0.9975 → 0.9597"_s}));
        QCOMPARE(rulesChanged.count(), 1);
        QCOMPARE(int(ledger.ruleBook().rules().size()), 1);
        const AvoidanceRule &rule = ledger.ruleBook().rules().front();
        QCOMPARE(rule.kind, MutationKind::AddCache);
        QCOMPARE(rule.toolPattern, u"fetch_data"_s);
        QCOMPARE(rule.workflowPattern, u"*"_s);
        QCOMPARE(rule.broke, u"validate validation_pass −3.8 pp"_s);
        QCOMPARE(rule.sourceWorkflow, u"checkout"_s);
        QCOMPARE(rule.sourceVersion, u"1.1.0"_s);
        QCOMPARE(rule.sourceMutation, a);
        QCOMPARE(ledger.mutation(a)->ruleId, rule.id);
        QVERIFY(!ledger.isFlagged(a)); // its own lesson, not a warning about it

        // Another workflow proposing the same kind on the same tool is flagged, with the rule in its trail.
        const qint64 b = ledger.propose(proposal(u"refunds"_s, u"fetch_data"_s, MutationKind::AddCache), u"trend"_s);
        QVERIFY(ledger.isFlagged(b));
        QCOMPARE(ledger.matchingRules(*ledger.mutation(b)).front()->id, rule.id);
        QVERIFY(ledger.mutation(b)->history.front().evidence.join(u' ').contains(u"validation_pass −3.8 pp"_s));
        // Other kinds and other tools are not.
        QVERIFY(!ledger.isFlagged(ledger.propose(proposal(u"refunds"_s, u"fetch_data"_s, MutationKind::AddRetry), u"x"_s)));
        QVERIFY(!ledger.isFlagged(ledger.propose(proposal(u"refunds"_s, u"process"_s, MutationKind::AddCache), u"x"_s)));
        // Going ahead anyway is possible and on the record.
        QVERIFY(ledger.startShadow(b, u"2.0.0"_s, u"bo"_s, u"different cache key"_s));
        QVERIFY(ledger.mutation(b)->history.back().evidence.join(u' ').contains(u"proceeding despite"_s));
    }

    void ruleMatching_data()
    {
        QTest::addColumn<QString>("ruleKind");
        QTest::addColumn<QString>("ruleCustom");
        QTest::addColumn<QString>("toolPattern");
        QTest::addColumn<QString>("workflowPattern");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("custom");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same kind, exact tool") << u"add_cache"_s << u""_s << u"fetch_data"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"fetch_data"_s << true;
        QTest::newRow("tool glob") << u"add_cache"_s << u""_s << u"fetch_*"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"fetch_orders"_s << true;
        QTest::newRow("tool glob case-insensitive") << u"add_cache"_s << u""_s << u"FETCH_*"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"fetch_data"_s << true;
        QTest::newRow("tool glob misses") << u"add_cache"_s << u""_s << u"fetch_*"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"process"_s << false;
        QTest::newRow("other kind") << u"add_cache"_s << u""_s << u"*"_s << u"*"_s << u"add_index"_s << u""_s << u"a"_s << u"fetch_data"_s << false;
        QTest::newRow("workflow pattern") << u"add_retry"_s << u""_s << u"*"_s << u"pay*"_s << u"add_retry"_s << u""_s << u"payments"_s << u"charge"_s << true;
        QTest::newRow("workflow pattern misses") << u"add_retry"_s << u""_s << u"*"_s << u"pay*"_s << u"add_retry"_s << u""_s << u"orders"_s << u"charge"_s << false;
        QTest::newRow("workflow-wide proposal") << u"add_index"_s << u""_s << u"db_*"_s << u"*"_s << u"add_index"_s << u""_s << u"a"_s << u""_s << true;
        QTest::newRow("custom, named") << u"custom"_s << u"fallback_api"_s << u"*"_s << u"*"_s << u"custom"_s << u"Fallback_API"_s << u"a"_s << u"t"_s << true;
        QTest::newRow("custom, other name") << u"custom"_s << u"fallback_api"_s << u"*"_s << u"*"_s << u"custom"_s << u"shard"_s << u"a"_s << u"t"_s << false;
        QTest::newRow("custom, any name") << u"custom"_s << u""_s << u"*"_s << u"*"_s << u"custom"_s << u"shard"_s << u"a"_s << u"t"_s << true;
        QTest::newRow("question mark") << u"add_cache"_s << u""_s << u"step?"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"step7"_s << true;
        QTest::newRow("question mark is one character") << u"add_cache"_s << u""_s << u"step?"_s << u"*"_s << u"add_cache"_s << u""_s << u"a"_s << u"step17"_s << false;
    }

    void ruleMatching()
    {
        QFETCH(QString, ruleKind);
        QFETCH(QString, ruleCustom);
        QFETCH(QString, toolPattern);
        QFETCH(QString, workflowPattern);
        QFETCH(QString, kind);
        QFETCH(QString, custom);
        QFETCH(QString, workflow);
        QFETCH(QString, tool);
        QFETCH(bool, matches);
        AvoidanceRule r;
        QVERIFY(mutationKindFromName(ruleKind, r.kind));
        r.customKind = ruleCustom;
        r.toolPattern = toolPattern;
        r.workflowPattern = workflowPattern;
        MutationKind k;
        QVERIFY(mutationKindFromName(kind, k));
        QCOMPARE(r.matches(k, custom, workflow, tool), matches);
    }

    void globPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star alone") << u"*"_s << u"anything"_s << true;
        QTest::newRow("star matches nothing") << u"fetch*"_s << u"fetch"_s << true;
        QTest::newRow("inner star") << u"f*_data"_s << u"fetch_data"_s << true;
        QTest::newRow("two stars") << u"*_*"_s << u"fetch_data"_s << true;
        QTest::newRow("whole name only") << u"fetch"_s << u"fetch_data"_s << false;
        QTest::newRow("backtracking") << u"*a*b"_s << u"xaxbxab"_s << true;
        QTest::newRow("backtracking fails") << u"*a*b"_s << u"xaxbxa"_s << false;
        QTest::newRow("empty pattern") << u""_s << u"x"_s << false;
        QTest::newRow("empty both") << u""_s << u""_s << true;
    }

    void globPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(globMatch(pattern, text), matches);
    }

    void repeatedProposalIsAbsorbed()
    {
        MutationLedger ledger;
        QSignalSpy added(&ledger, &MutationLedger::mutationAdded);
        MutationProposal p = proposal(u"wf"_s, u"fetch_data"_s, MutationKind::AddCache);
        p.evidence = {u"day 8: +1.2 ms/day"_s};
        p.eventIds = {5};
        const qint64 id = ledger.propose(p, u"trend"_s);
        p.evidence = {u"day 9: +1.2 ms/day"_s};
        p.eventIds = {9};
        QCOMPARE(ledger.propose(p, u"trend"_s), id);
        QCOMPARE(added.count(), 1);
        QCOMPARE(ledger.mutation(id)->evidence, (QStringList{u"day 8: +1.2 ms/day"_s, u"day 9: +1.2 ms/day"_s}));
        QCOMPARE(ledger.mutation(id)->eventIds, (QList<qint64>{5, 9}));
        // Once closed, the same proposal opens a new entry.
        QVERIFY(ledger.reject(id, u"ana"_s, u"later"_s));
        QVERIFY(ledger.propose(p, u"trend"_s) != id);
        QCOMPARE(added.count(), 2);
    }

    void proposalsFromDiagnoses()
    {
        InvestigationContext ctx;
        ctx.workflow = u"wf"_s;
        ctx.version = u"1.0.0"_s;
        ctx.tool = u"fetch_data"_s;
        ctx.metric = u"status"_s;
        ctx.trigger = Trigger::Failure;
        Diagnosis d;
        d.rootCause = u"External API is down"_s;
        d.mutation = {u"add_retry"_s, u"Retry with backoff"_s, u"downtime −95 %"_s};
        const auto p = proposalFromDiagnosis(ctx, d, 42);
        QVERIFY(p);
        QCOMPARE(p->kind, MutationKind::AddRetry);
        QCOMPARE(p->source, MutationSource::Diagnosis);
        QCOMPARE(p->sourceRef, u"failure #42"_s);
        QCOMPARE(p->eventIds, QList<qint64>{42});
        QVERIFY(p->evidence.contains(u"root cause: External API is down"_s));

        d.mutation.kind = u"fallback_api"_s; // not one of ours: kept as a custom kind
        const auto custom = proposalFromDiagnosis(ctx, d);
        QCOMPARE(custom->kind, MutationKind::Custom);
        QCOMPARE(custom->customKind, u"fallback_api"_s);
        d.mutation.kind.clear();
        QVERIFY(!proposalFromDiagnosis(ctx, d));
    }

    void proposalsFromTrends_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("kind"); // "" = no proposal
        QTest::newRow("latency") << u"latency_ms"_s << int(TrendSeverity::Medium) << u"add_cache"_s;
        QTest::newRow("validation") << u"validation_pass"_s << int(TrendSeverity::Low) << u"sanitize_input"_s;
        QTest::newRow("memory") << u"memory_mb"_s << int(TrendSeverity::Low) << u"stream_processing"_s;
        QTest::newRow("error rate") << u"status"_s << int(TrendSeverity::High) << u"add_retry"_s;
        QTest::newRow("custom metric") << u"rows_scanned"_s << int(TrendSeverity::Low) << u"custom"_s;
        QTest::newRow("harmless direction") << u"latency_ms"_s << int(TrendSeverity::None) << u""_s;
    }

    void proposalsFromTrends()
    {
        QFETCH(QString, metric);
        QFETCH(int, severity);
        QFETCH(QString, kind);
        TrendResult t;
        t.workflow = u"wf"_s;
        t.version = u"1.0.0"_s;
        t.tool = u"fetch_data"_s;
        t.metric = metric;
        t.significant = true;
        t.severity = TrendSeverity(severity);
        t.direction = 1;
        t.slopePerDay = 1.2;
        t.breachInDays = 8.9;
        t.threshold = 300;
        const auto p = proposalFromTrend(t);
        QCOMPARE(bool(p), !kind.isEmpty());
        if (!p)
            return;
        QCOMPARE(mutationKindName(p->kind), kind);
        QCOMPARE(p->source, MutationSource::Trend);
        QCOMPARE(p->tool, u"fetch_data"_s);
        QVERIFY(p->description.contains(u"8.9 days"_s));
    }

    void rulesExportAndImportRoundTrip()
    {
        MutationLedger a;
        tick(a);
        const qint64 id = a.propose(proposal(u"checkout"_s, u"fetch_data"_s, MutationKind::AddCache), u"ana"_s);
        QVERIFY(a.startShadow(id, u"1.1.0"_s, u"ana"_s, u"trial"_s));
        QVERIFY(a.rollBack(id, u"ana"_s, u"stale totals"_s, u"validation −3.8 pp"_s, {}, nullptr, u"fetch_*"_s, u"check*"_s));
        AvoidanceRule custom;
        custom.kind = MutationKind::Custom;
        custom.customKind = u"fallback_api"_s;
        custom.broke = u"doubled charges"_s;
        a.addRule(custom);
        const QByteArray json = a.exportRules();
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"format").toString(), u"apprentice-avoidance-rules"_s);
        QCOMPARE(root.value(u"rules").toArray().size(), 2);
        QCOMPARE(root.value(u"rules").toArray().at(0).toObject().value(u"tool").toString(), u"fetch_*"_s);

        MutationLedger b;
        QSignalSpy changed(&b, &MutationLedger::rulesChanged);
        const auto report = b.importRules(json);
        QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
        QCOMPARE(report.added, 2);
        QCOMPARE(changed.count(), 1);
        const AvoidanceRule &r = b.ruleBook().rules().front();
        QCOMPARE(r.kind, MutationKind::AddCache);
        QCOMPARE(r.workflowPattern, u"check*"_s);
        QCOMPARE(r.broke, u"validation −3.8 pp"_s);
        QCOMPARE(r.sourceWorkflow, u"checkout"_s);
        QCOMPARE(r.sourceVersion, u"1.1.0"_s);
        QCOMPARE(r.sourceMutation, id);
        QCOMPARE(r.createdBy, u"ana"_s);
        QCOMPARE(r.createdMs, a.ruleBook().rules().front().createdMs);
        QCOMPARE(b.ruleBook().rules().back().customKind, u"fallback_api"_s);

        // Importing the same file again adds nothing.
        const auto again = b.importRules(json);
        QCOMPARE(again.added, 0);
        QCOMPARE(again.duplicates, 2);
        QCOMPARE(changed.count(), 1);
    }

    void importedRuleFlagsOpenProposals()
    {
        MutationLedger ledger;
        const qint64 id = ledger.propose(proposal(u"orders"_s, u"fetch_data"_s, MutationKind::AddCache), u"trend"_s);
        QVERIFY(!ledger.isFlagged(id));
        QVERIFY(ledger.importRules(rulesFile({goodRule()})).ok());
        QVERIFY(ledger.isFlagged(id));
    }

    void importValidationNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const auto with = [](const char *field, const QJsonValue &value) {
            QJsonObject r = goodRule();
            if (value.isUndefined())
                r.remove(QLatin1String(field));
            else
                r.insert(QLatin1String(field), value);
            return rulesFile({goodRule(), r});
        };
        QTest::newRow("not JSON") << QByteArray("{\"format\": ") << u"not valid JSON at byte"_s;
        QTest::newRow("not an object") << QByteArray("[]") << u"expected a JSON object"_s;
        QTest::newRow("wrong format") << QByteArray(R"({"format":"x","version":1,"rules":[]})") << u"format: expected \"apprentice-avoidance-rules\", got \"x\""_s;
        QTest::newRow("missing format") << QByteArray(R"({"version":1,"rules":[]})") << u"format: missing"_s;
        QTest::newRow("newer version") << rulesFile({goodRule()}, 2) << u"version: 2 is newer than this build reads (1)"_s;
        QTest::newRow("rules not an array") << QByteArray(R"({"format":"apprentice-avoidance-rules","version":1,"rules":{}})") << u"rules: expected an array"_s;
        QTest::newRow("rule not an object") << rulesFile({goodRule(), 3}) << u"rules[1]: expected an object"_s;
        QTest::newRow("unknown kind") << with("kind", u"add_retyr"_s) << u"rules[1].kind: unknown mutation kind \"add_retyr\""_s;
        QTest::newRow("kind not a string") << with("kind", 4) << u"rules[1].kind: expected a string, got a number"_s;
        QTest::newRow("missing tool") << with("tool", QJsonValue::Undefined) << u"rules[1].tool: missing"_s;
        QTest::newRow("empty broke") << with("broke", u"  "_s) << u"rules[1].broke: must not be empty"_s;
        QTest::newRow("custom_kind on a named kind") << with("custom_kind", u"x"_s) << u"rules[1].custom_kind: only allowed with kind \"custom\""_s;
        QTest::newRow("bad created") << with("created", u"yesterday"_s) << u"rules[1].created: expected an RFC 3339 time"_s;
        QTest::newRow("bad source") << with("source", u"checkout"_s) << u"rules[1].source: expected an object, got a string"_s;
        QTest::newRow("bad source mutation") << with("source", QJsonObject{{u"mutation"_s, 1.5}}) << u"rules[1].source.mutation: expected a whole number >= 0"_s;
        QTest::newRow("bad source version") << with("source", QJsonObject{{u"version"_s, 1}}) << u"rules[1].source.version: expected a string, got a number"_s;
    }

    void importValidationNamesTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        MutationLedger ledger;
        QSignalSpy changed(&ledger, &MutationLedger::rulesChanged);
        const auto report = ledger.importRules(json);
        QVERIFY(!report.ok());
        QVERIFY2(report.errors.join(u'\n').contains(error), qPrintable(report.errors.join(u'\n')));
        // All or nothing: the good rule beside the bad one is not imported either.
        QVERIFY(ledger.ruleBook().rules().empty());
        QCOMPARE(report.added, 0);
        QCOMPARE(changed.count(), 0);
    }

    void storeRefusesOtherFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("not SQLite") << QByteArray("{\"ts\":\"2026-10-01T00:00:00Z\"}\n") << u"cannot open store"_s;
        QTest::newRow("no file name") << QByteArray() << u"no file name"_s;
    }

    void storeRefusesOtherFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QString path;
        if (!content.isEmpty()) {
            path = m_dir.filePath(u"export.jsonl"_s);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        EvolutionStore store;
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!store.isOpen());
        MutationLedger ledger;
        QVERIFY(!store.save(ledger, &error));
        if (!path.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), content); // untouched
        }
    }

    void notesJoinTheAuditTrailWithoutMovingTheState()
    {
        MutationLedger ledger;
        tick(ledger);
        const qint64 id = ledger.propose(proposal(u"wf"_s, u"validate"_s, MutationKind::SanitizeInput), u"tier rules"_s);
        QSignalSpy changed(&ledger, &MutationLedger::mutationChanged);
        QVERIFY(ledger.note(id, u"dana"_s, u"marked drift #7 for evolution"_s, {u"validation 0.91 against 1.0"_s}));
        QCOMPARE(changed.count(), 1);
        const Mutation *m = ledger.mutation(id);
        QCOMPARE(m->state, MutationState::Proposed);
        QCOMPARE(int(m->history.size()), 2);
        QCOMPARE(m->history.back().who, u"dana"_s);
        QVERIFY(!m->history.back().initial);
        QCOMPARE(m->history.back().from, m->history.back().to);
        QCOMPARE(m->history.back().evidence, QStringList{u"validation 0.91 against 1.0"_s});
        // A note still needs who and why, and a mutation that exists.
        QString error;
        QVERIFY(!ledger.note(id, u" "_s, u"why"_s, {}, &error));
        QVERIFY(error.contains(u"who"_s));
        QVERIFY(!ledger.note(99, u"dana"_s, u"why"_s, {}, &error));
        QVERIFY(error.contains(u"#99"_s));
        // It survives the store.
        const QString path = m_dir.filePath(u"notes.sqlite"_s);
        {
            EvolutionStore store;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            QVERIFY2(store.save(ledger, &error), qPrintable(error));
        }
        EvolutionStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        MutationLedger loaded;
        QVERIFY2(store.load(loaded, &error), qPrintable(error));
        const Mutation *back = loaded.mutation(id);
        QVERIFY(back);
        QCOMPARE(int(back->history.size()), 2);
        QCOMPARE(back->history.back().who, u"dana"_s);
        QCOMPARE(back->history.back().from, MutationState::Proposed);
        QCOMPARE(back->history.back().to, MutationState::Proposed);
        QVERIFY(!back->history.back().initial);
    }

    void storeRoundTripAndMigrationFromV1()
    {
        const QString path = m_dir.filePath(u"v1.sqlite"_s);
        {
            // A store written by a build that only knew schema v1.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QString error;
            QVERIFY2(StoreSchema::migrate(db, {StoreSchema::migrations().front()}, &error), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO ledger (hour_start_ms, workflow, version, executions) VALUES (0, 'wf', '1.0.0', 7)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);

        MutationLedger ledger;
        tick(ledger);
        MutationProposal p = proposal(u"checkout"_s, u"fetch_data"_s, MutationKind::AddCache);
        p.eventIds = {19};
        p.evidence = {u"fetch_data latency_ms p95 rising 1.2 ms/day"_s};
        p.source = MutationSource::Trend;
        p.sourceRef = u"trend fetch_data latency_ms p95"_s;
        const qint64 a = ledger.propose(p, u"trend"_s);
        QVERIFY(ledger.startShadow(a, u"1.1.0"_s, u"ana"_s, u"trial"_s));
        QVERIFY(ledger.rollBack(a, u"ana"_s, u"stale totals"_s, u"validation −3.8 pp"_s, {u"ROLL_BACK"_s}));
        const qint64 b = ledger.propose(proposal(u"refunds"_s, u"fetch_data"_s, MutationKind::AddCache), u"trend"_s);

        {
            EvolutionStore store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            QVERIFY2(store.save(ledger, &error), qPrintable(error));
        }
        // The engine's store reads the migrated file, its v1 data intact.
        Store engineStore;
        QString error;
        QVERIFY2(engineStore.open(path, &error), qPrintable(error));
        QCOMPARE(engineStore.schemaVersion(), Store::currentSchemaVersion());
        QCOMPARE(engineStore.loadLedger().size(), size_t(1));
        engineStore.close();

        EvolutionStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        MutationLedger loaded;
        QSignalSpy reset(&loaded, &MutationLedger::ledgerReset);
        QVERIFY2(store.load(loaded, &error), qPrintable(error));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(int(loaded.mutations().size()), 2);
        const Mutation *m = loaded.mutation(a);
        const Mutation *orig = ledger.mutation(a);
        QCOMPARE(m->state, MutationState::RolledBack);
        QCOMPARE(m->candidateVersion, u"1.1.0"_s);
        QCOMPARE(m->source, MutationSource::Trend);
        QCOMPARE(m->sourceRef, orig->sourceRef);
        QCOMPARE(m->eventIds, orig->eventIds);
        QCOMPARE(m->evidence, orig->evidence);
        QCOMPARE(m->ruleId, orig->ruleId);
        QCOMPARE(int(m->history.size()), 3);
        for (size_t i = 0; i < m->history.size(); ++i) {
            QCOMPARE(m->history[i].initial, orig->history[i].initial);
            QCOMPARE(m->history[i].to, orig->history[i].to);
            QCOMPARE(m->history[i].atMs, orig->history[i].atMs);
            QCOMPARE(m->history[i].who, orig->history[i].who);
            QCOMPARE(m->history[i].why, orig->history[i].why);
            QCOMPARE(m->history[i].evidence, orig->history[i].evidence);
        }
        QCOMPARE(int(loaded.ruleBook().rules().size()), 1);
        QVERIFY(loaded.isFlagged(b));
        // Ids continue after the stored ones.
        QCOMPARE(loaded.propose(proposal(u"x"_s, u"y"_s, MutationKind::AddIndex), u"ana"_s), b + 1);
    }
};

QTEST_GUILESS_MAIN(TestEvolutionLedger)
#include "tst_evolutionledger.moc"
