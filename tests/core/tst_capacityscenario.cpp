#include "capacity/capacityscenario.h"
#include "capacity/capacitysolver.h"
#include "capacity/capacitymodel.h"
#include "capacity/fluidmodel.h"
#include "resources.h"

#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace Apprentice;
using namespace Qt::StringLiterals;

/// Scenario files (valid and broken), the CLI contract and the solver's answer.
class TestCapacityScenario : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QJsonObject seedJson()
    {
        ensureResources();
        QFile f(u":/scenarios/black_friday.json"_s);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

    struct CliRun {
        int exitCode = -1;
        QByteArray out, err;
    };
    static CliRun cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(APPRENTICE_CLI), QStringList{u"capacity"_s} + args);
        CliRun r;
        if (!p.waitForFinished(120000))
            return r;
        r.exitCode = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void seedLoadsAndRoundTrips()
    {
        QStringList errors;
        const auto s = CapacityScenario::fromJson(QJsonDocument(seedJson()).toJson(), &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QCOMPARE(s->name, u"Black Friday (seed)"_s);
        QCOMPARE(s->changes.size(), size_t(ChangeKindCount));
        QCOMPARE(s->claims.size(), size_t(7));
        const auto back = CapacityScenario::fromJson(s->toJsonBytes(), &errors);
        QVERIFY2(back, qPrintable(errors.join(u'\n')));
        QVERIFY(*back == *s);
        // A curve switched off survives the trip too.
        CapacityScenario flat = *s;
        flat.traffic.enabled = false;
        const auto flatBack = CapacityScenario::fromJson(flat.toJsonBytes(), &errors);
        QVERIFY2(flatBack, qPrintable(errors.join(u'\n')));
        QVERIFY(*flatBack == flat);
    }

    void badFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("path");    // where to put the value ("a.b" for nested)
        QTest::addColumn<QJsonValue>("value"); // Undefined: remove the field
        QTest::addColumn<QString>("field");   // the field the message must name
        QTest::newRow("negative instances") << u"instances"_s << QJsonValue(-3) << u"instances"_s;
        QTest::newRow("zero connections") << u"connections_per_instance"_s << QJsonValue(0) << u"connections_per_instance"_s;
        QTest::newRow("fractional pool") << u"db_pool_max"_s << QJsonValue(99.5) << u"db_pool_max"_s;
        QTest::newRow("missing pool") << u"db_pool_max"_s << QJsonValue(QJsonValue::Undefined) << u"db_pool_max"_s;
        QTest::newRow("missing target") << u"target_orders_per_hour"_s << QJsonValue(QJsonValue::Undefined)
                                        << u"target_orders_per_hour"_s;
        QTest::newRow("hit rate above 1") << u"cache_hit_rate"_s << QJsonValue(1.5) << u"cache_hit_rate"_s;
        QTest::newRow("absurd query time") << u"query_ms"_s << QJsonValue(1e9) << u"query_ms"_s;
        QTest::newRow("throughput as text") << u"per_instance_orders_per_hour"_s << QJsonValue(u"500"_s)
                                            << u"per_instance_orders_per_hour"_s;
        QTest::newRow("absurd multiplier") << u"traffic.peak_multiplier"_s << QJsonValue(5000) << u"traffic.peak_multiplier"_s;
        QTest::newRow("negative baseline") << u"traffic.baseline_orders_per_hour"_s << QJsonValue(-1)
                                           << u"traffic.baseline_orders_per_hour"_s;
        QTest::newRow("typo") << u"instnaces"_s << QJsonValue(10) << u"instnaces"_s;
        QTest::newRow("negative reads") << u"queries_per_order.reads"_s << QJsonValue(-2) << u"queries_per_order.reads"_s;
    }
    void badFieldsAreNamed()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QJsonObject o = seedJson();
        const QStringList parts = path.split(u'.');
        if (parts.size() == 1) {
            if (value.isUndefined())
                o.remove(path);
            else
                o.insert(path, value);
        } else {
            QJsonObject inner = o.value(parts[0]).toObject();
            inner.insert(parts[1], value);
            o.insert(parts[0], inner);
        }
        QStringList errors;
        const auto s = CapacityScenario::fromJson(QJsonDocument(o).toJson(), &errors);
        QVERIFY(!s);
        QVERIFY2(!errors.isEmpty() && errors.first().startsWith(field + u':'), qPrintable(errors.join(u" | ")));

        // The CLI says the same on stderr and exits with 2.
        const QString file = write(u"bad.json"_s, QJsonDocument(o).toJson());
        const CliRun r = cli({file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains((field + u':').toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void brokenJsonAndMissingFile()
    {
        QStringList errors;
        QVERIFY(!CapacityScenario::fromJson("{\"instances\": 10,", &errors));
        QVERIFY(errors.first().contains(u"JSON"_s));
        QCOMPARE(cli({write(u"broken.json"_s, "[1, 2")}).exitCode, 2);
        QCOMPARE(cli({m_dir.filePath(u"does-not-exist.json"_s)}).exitCode, 1);
        QCOMPARE(cli({}).exitCode, 2);
        QCOMPARE(cli({u"--frobnicate"_s}).exitCode, 2);
        const CliRun help = cli({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("SCENARIO.json"));
    }

    void cliPrintsTheContract()
    {
        const QString file = write(u"seed.json"_s, QJsonDocument(seedJson()).toJson());
        const CliRun r = cli({file});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        // The seed as loaded (×10 instances): 16 connect, 8,000/h, the pool binds.
        QCOMPARE(o.value(u"max_throughput_per_hour"_s).toDouble(), 8000.0);
        QCOMPARE(o.value(u"bottleneck"_s).toString(), u"db_pool"_s);
        QCOMPARE(o.value(u"instances_max"_s).toInt(), 16);
        QCOMPARE(o.value(u"utilisation"_s).toObject().value(u"db_pool"_s).toDouble(), 6.0);
        QCOMPARE(o.value(u"utilisation"_s).toObject().value(u"app"_s).toDouble(), 6.25);
        QVERIFY(o.value(u"p95_latency_ms"_s).isNull()); // unbounded at the target
        QVERIFY(o.value(u"at_baseline"_s).toObject().value(u"p95_latency_ms"_s).isDouble());
        const QJsonArray hourly = o.value(u"hourly"_s).toArray();
        QCOMPARE(hourly.size(), 72);
        QCOMPARE(hourly.at(0).toObject().value(u"demand"_s).toDouble(), 5000.0);
        QVERIFY(hourly.at(20).toObject().value(u"backlog"_s).toDouble() > 100000);
        QCOMPARE(o.value(u"claims"_s).toArray().at(2).toObject().value(u"holds"_s).toBool(), false);
        QVERIFY(!cli({file, u"--no-hourly"_s}).out.contains("\"hourly\""));
    }

    void cliSolvesAndAppliesThePlan()
    {
        const QString file = write(u"seed.json"_s, QJsonDocument(seedJson()).toJson());
        const QString md = m_dir.filePath(u"plan.md"_s);
        const CliRun r = cli({file, u"--solve"_s, u"--apply-plan"_s, u"--no-hourly"_s, u"--markdown"_s, md});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o.value(u"solver"_s).toObject().value(u"found"_s).toBool());
        QVERIFY(o.value(u"meets_target"_s).toBool());
        QVERIFY(o.value(u"p95_latency_ms"_s).toDouble() <= 30000);
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(u"The target holds."_s));
        QVERIFY(text.contains(u"## Solver"_s));
    }

    void solverFindsTheCheapestThatHolds()
    {
        const CapacityScenario seed = CapacityScenario::blackFriday();
        const SolverResult r = solveCapacity(seed);
        QVERIFY(r.found);
        QCOMPARE(r.demandPerHour, 50000.0);
        const CapacityScenario plan = r.best.scenario.effective();
        // It holds: throughput, stationary p95 and every hour of the curve.
        const CapacityAnalysis a = analyzeCapacity(plan, 50000);
        QVERIFY(a.meetsThroughput());
        QVERIFY(a.meetsSlo(seed.sloLatencyMs));
        QVERIFY(runFluidModel(plan).holdsSlo());
        // The pool must fit the fleet it serves: never more connections than the pool.
        QVERIFY(a.connectionsNeeded <= plan.dbPoolMax);
        // Its cost is the sum of its items, and no alternative it found is cheaper.
        double sum = 0;
        for (const PlanCostItem &c : r.best.costs)
            sum += c.total();
        QVERIFY(std::abs(sum - r.best.cost) < 1e-9);
        for (const CapacityPlan &alt : r.alternatives)
            QVERIFY(alt.cost >= r.best.cost);
        // Every change is needed: dropping any one breaks the target.
        for (const PlanCostItem &c : r.best.costs) {
            CapacityScenario without = r.best.scenario;
            without.change(c.kind).enabled = false;
            const CapacityScenario w = without.effective();
            const CapacityAnalysis wa = analyzeCapacity(w, 50000);
            const bool holds = wa.meetsThroughput() && wa.meetsSlo(seed.sloLatencyMs) && runFluidModel(w).holdsSlo();
            QVERIFY2(!holds, qPrintable(changeKindId(c.kind)));
        }
        QVERIFY(r.explanation.size() >= 4);
    }

    void solverPrefersTheOnlyCheapFix()
    {
        // A fleet held back only by its pool: a bigger pool is all it needs.
        CapacityScenario s = CapacityScenario::blackFriday();
        for (CapacityChange &c : s.changes)
            c.enabled = false;
        s.instances = 30;
        s.connectionsPerInstance = 4;   // 120 connections on a pool of 100
        s.traffic.enabled = false;
        s.targetOrdersPerHour = 14000;  // 25 connectable × 500 = 12,500 is short; 30 × 500 holds at 93 %
        s.sloLatencyMs = 60000;
        s.change(ChangeKind::ConnectionsPerInstance).allowed = false;
        s.change(ChangeKind::Autoscaling).allowed = false;
        const SolverResult r = solveCapacity(s);
        QVERIFY(r.found);
        QCOMPARE(r.best.costs.size(), size_t(1));
        QCOMPARE(r.best.costs.front().kind, ChangeKind::DbPool);
        QCOMPARE(r.best.scenario.effective().dbPoolMax, 120);
    }

    void solverSaysWhenNothingHolds()
    {
        CapacityScenario s = CapacityScenario::blackFriday();
        for (CapacityChange &c : s.changes) {
            c.enabled = false;
            c.allowed = false;
        }
        const SolverResult r = solveCapacity(s);
        QVERIFY(!r.found);
        QVERIFY(r.explanation.last().contains(u"No combination"_s));
    }
};

QTEST_GUILESS_MAIN(TestCapacityScenario)
#include "tst_capacityscenario.moc"
