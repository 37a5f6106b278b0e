#include "evolutionstore.h"

#include "mutationledger.h"
#include "storage/storeschema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <map>

namespace Apprentice {

namespace {

QAtomicInteger<quint64> connectionCounter;

QString jsonList(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QString jsonIds(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QStringList stringList(const QVariant &v)
{
    QStringList out;
    for (const QJsonValue &e : QJsonDocument::fromJson(v.toString().toUtf8()).array())
        out << e.toString();
    return out;
}

QList<qint64> idList(const QVariant &v)
{
    QList<qint64> out;
    for (const QJsonValue &e : QJsonDocument::fromJson(v.toString().toUtf8()).array())
        out << qint64(e.toDouble());
    return out;
}

// NOT NULL text columns take "" rather than a null QString.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

} // namespace

EvolutionStore::EvolutionStore() = default;

EvolutionStore::~EvolutionStore()
{
    close();
}

bool EvolutionStore::open(const QString &path, QString *error)
{
    close();
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot open store %1: %2").arg(QDir::toNativeSeparators(path), why);
        close();
        return false;
    };
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given"));
    if (QFileInfo(path).isDir())
        return fail(QStringLiteral("it is a directory"));
    m_connection = QStringLiteral("apprentice-evolution-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    m_path = path;
    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            why = db.lastError().text();
        } else {
            // Read first: a file that is something else fails here, before anything writes to it.
            int version = 0;
            if (StoreSchema::inspect(db, &version, &why)) {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")) || !q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
                    why = q.lastError().text();
                q.finish();
                if (why.isEmpty())
                    StoreSchema::migrate(db, &why);
            }
        }
    }
    if (!why.isEmpty())
        return fail(why);
    return true;
}

void EvolutionStore::close()
{
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
    m_path.clear();
}

bool EvolutionStore::isOpen() const
{
    return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

bool EvolutionStore::save(const MutationLedger &ledger, QString *error)
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    const auto failWith = [&](const QString &what, const QSqlQuery &failed) {
        const QString why = failed.lastError().text();
        q.exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = QStringLiteral("cannot write to store %1: %2: %3 (nothing was stored)")
                         .arg(QDir::toNativeSeparators(m_path), what, why);
        return false;
    };
    const auto fail = [&](const QString &what) { return failWith(what, q); };
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(QStringLiteral("begin"));
    if (!q.exec(QStringLiteral("DELETE FROM mutation_transitions")) || !q.exec(QStringLiteral("DELETE FROM mutations"))
        || !q.exec(QStringLiteral("DELETE FROM avoidance_rules")))
        return fail(QStringLiteral("clear"));

    QSqlQuery mq(db), tq(db), rq(db);
    mq.prepare(QStringLiteral(
        "INSERT INTO mutations (id, workflow, base_version, candidate_version, tool, kind, custom_kind, description,"
        " expected_effect, source, source_ref, event_ids, evidence, state, rule_id, created_ms, updated_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    tq.prepare(QStringLiteral("INSERT INTO mutation_transitions (mutation_id, seq, from_state, to_state, at_ms, who, why,"
                              " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    rq.prepare(QStringLiteral(
        "INSERT INTO avoidance_rules (id, kind, custom_kind, tool_pattern, workflow_pattern, broke, reason,"
        " source_workflow, source_version, source_mutation, created_by, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const Mutation &m : ledger.mutations()) {
        const QVariantList values{m.id, text(m.workflow), m.baseVersion, m.candidateVersion, m.tool,
                                  mutationKindName(m.kind), m.customKind, m.description, m.expectedEffect,
                                  mutationSourceName(m.source), m.sourceRef, jsonIds(m.eventIds), jsonList(m.evidence),
                                  mutationStateName(m.state), m.ruleId, m.createdMs, m.updatedMs};
        for (int i = 0; i < values.size(); ++i)
            mq.bindValue(i, values[i]);
        if (!mq.exec())
            return failWith(QStringLiteral("mutation #%1").arg(m.id), mq);
        for (size_t seq = 0; seq < m.history.size(); ++seq) {
            const MutationTransition &t = m.history[seq];
            const QVariantList tv{m.id, qint64(seq), t.initial ? QVariant() : QVariant(mutationStateName(t.from)),
                                  mutationStateName(t.to), t.atMs, text(t.who), text(t.why), jsonList(t.evidence)};
            for (int i = 0; i < tv.size(); ++i)
                tq.bindValue(i, tv[i]);
            if (!tq.exec())
                return failWith(QStringLiteral("history of mutation #%1").arg(m.id), tq);
        }
    }
    for (const AvoidanceRule &r : ledger.ruleBook().rules()) {
        const QVariantList rv{r.id, mutationKindName(r.kind), r.customKind, text(r.toolPattern),
                              text(r.workflowPattern.isEmpty() ? QStringLiteral("*") : r.workflowPattern), text(r.broke),
                              r.reason, r.sourceWorkflow, r.sourceVersion, r.sourceMutation, r.createdBy, r.createdMs};
        for (int i = 0; i < rv.size(); ++i)
            rq.bindValue(i, rv[i]);
        if (!rq.exec())
            return failWith(QStringLiteral("avoidance rule #%1").arg(r.id), rq);
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("commit"));
    return true;
}

bool EvolutionStore::load(MutationLedger &ledger, QString *error) const
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    const auto fail = [&](const QString &what) {
        if (error)
            *error = QStringLiteral("cannot read %1 from store %2: %3").arg(what, QDir::toNativeSeparators(m_path),
                                                                           q.lastError().text());
        return false;
    };
    std::vector<Mutation> mutations;
    std::map<qint64, size_t> index;
    if (!q.exec(QStringLiteral(
            "SELECT id, workflow, base_version, candidate_version, tool, kind, custom_kind, description, expected_effect,"
            " source, source_ref, event_ids, evidence, state, rule_id, created_ms, updated_ms FROM mutations ORDER BY id")))
        return fail(QStringLiteral("mutations"));
    while (q.next()) {
        Mutation m;
        m.id = q.value(0).toLongLong();
        m.workflow = q.value(1).toString();
        m.baseVersion = q.value(2).toString();
        m.candidateVersion = q.value(3).toString();
        m.tool = q.value(4).toString();
        mutationKindFromName(q.value(5).toString(), m.kind);
        m.customKind = q.value(6).toString();
        m.description = q.value(7).toString();
        m.expectedEffect = q.value(8).toString();
        mutationSourceFromName(q.value(9).toString(), m.source);
        m.sourceRef = q.value(10).toString();
        m.eventIds = idList(q.value(11));
        m.evidence = stringList(q.value(12));
        mutationStateFromName(q.value(13).toString(), m.state);
        m.ruleId = q.value(14).toLongLong();
        m.createdMs = q.value(15).toLongLong();
        m.updatedMs = q.value(16).toLongLong();
        index[m.id] = mutations.size();
        mutations.push_back(m);
    }
    if (!q.exec(QStringLiteral("SELECT mutation_id, from_state, to_state, at_ms, who, why, evidence"
                               " FROM mutation_transitions ORDER BY mutation_id, seq")))
        return fail(QStringLiteral("mutation history"));
    while (q.next()) {
        const auto it = index.find(q.value(0).toLongLong());
        if (it == index.end())
            continue;
        MutationTransition t;
        t.initial = q.value(1).isNull();
        if (!t.initial)
            mutationStateFromName(q.value(1).toString(), t.from);
        mutationStateFromName(q.value(2).toString(), t.to);
        t.atMs = q.value(3).toLongLong();
        t.who = q.value(4).toString();
        t.why = q.value(5).toString();
        t.evidence = stringList(q.value(6));
        mutations[it->second].history.push_back(t);
    }
    std::vector<AvoidanceRule> rules;
    if (!q.exec(QStringLiteral("SELECT id, kind, custom_kind, tool_pattern, workflow_pattern, broke, reason, source_workflow,"
                               " source_version, source_mutation, created_by, created_ms FROM avoidance_rules ORDER BY id")))
        return fail(QStringLiteral("avoidance rules"));
    while (q.next()) {
        AvoidanceRule r;
        r.id = q.value(0).toLongLong();
        mutationKindFromName(q.value(1).toString(), r.kind);
        r.customKind = q.value(2).toString();
        r.toolPattern = q.value(3).toString();
        r.workflowPattern = q.value(4).toString();
        r.broke = q.value(5).toString();
        r.reason = q.value(6).toString();
        r.sourceWorkflow = q.value(7).toString();
        r.sourceVersion = q.value(8).toString();
        r.sourceMutation = q.value(9).toLongLong();
        r.createdBy = q.value(10).toString();
        r.createdMs = q.value(11).toLongLong();
        rules.push_back(r);
    }
    ledger.restore(std::move(mutations), std::move(rules));
    return true;
}

} // namespace Apprentice
