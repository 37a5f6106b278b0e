#include "capacityparameterpanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "sliderspinbox.h"

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {
QFormLayout *group(QVBoxLayout *outer, const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setHorizontalSpacing(8);
    form->setVerticalSpacing(4);
    outer->addWidget(box);
    return form;
}
}

CapacityParameterPanel::CapacityParameterPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 4, 0);
    outer->setSpacing(8);
    using S = CapacityScenario;

    QFormLayout *fleet = group(outer, tr("App fleet"), this);
    add(fleet, u"instances"_s, tr("Instances"), tr("App instances running today"), 1, 2000, 0, true, {},
        [](const S &s) { return s.instances; }, [](S &s, double v) { s.instances = int(std::lround(v)); });
    add(fleet, u"per_instance_orders_per_hour"_s, tr("Orders/h each"), tr("Orders one instance completes per hour at saturation"),
        10, 100000, 0, true, {}, [](const S &s) { return s.perInstanceOrdersPerHour; },
        [](S &s, double v) { s.perInstanceOrdersPerHour = v; });
    add(fleet, u"workers_per_instance"_s, tr("Workers each"), tr("Orders one instance processes at the same time"), 1, 64, 0,
        false, {}, [](const S &s) { return s.workersPerInstance; },
        [](S &s, double v) { s.workersPerInstance = int(std::lround(v)); });

    // Service times: typed (per-instance throughput) or the workflow's learned tool profile.
    auto *serviceBox = new QGroupBox(tr("Service times"), this);
    auto *serviceLayout = new QVBoxLayout(serviceBox);
    serviceLayout->setSpacing(4);
    m_fromProfile = new QCheckBox(tr("From the workflow's profile (tool p50/p95)"), serviceBox);
    m_stages = new QTableWidget(0, 3, serviceBox);
    m_stages->setHorizontalHeaderLabels({tr("Stage"), tr("p50 ms"), tr("p95 ms")});
    m_stages->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_stages->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_stages->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_stages->verticalHeader()->hide();
    m_stages->verticalHeader()->setDefaultSectionSize(22);
    m_stages->setMinimumHeight(120);
    m_stages->setMaximumHeight(150);
    auto *stageButtons = new QHBoxLayout;
    auto *addStage = new QPushButton(tr("Add stage"), serviceBox);
    auto *removeStage = new QPushButton(tr("Remove"), serviceBox);
    stageButtons->addWidget(addStage);
    stageButtons->addWidget(removeStage);
    stageButtons->addStretch();
    m_profileHint = new QLabel(serviceBox);
    m_profileHint->setWordWrap(true);
    m_profileHint->setStyleSheet(u"color: palette(mid);"_s);
    serviceLayout->addWidget(m_fromProfile);
    serviceLayout->addWidget(m_stages);
    serviceLayout->addLayout(stageButtons);
    serviceLayout->addWidget(m_profileHint);
    outer->addWidget(serviceBox);
    connect(m_fromProfile, &QCheckBox::toggled, this, [this] {
        updateProfileHint();
        if (!m_updating)
            emit edited();
    });
    connect(m_stages, &QTableWidget::itemChanged, this, &CapacityParameterPanel::onStagesEdited);
    connect(addStage, &QPushButton::clicked, this, [this] {
        addStageRow({tr("stage %1").arg(m_stages->rowCount() + 1), 100, 300});
        onStagesEdited();
    });
    connect(removeStage, &QPushButton::clicked, this, [this] {
        const int row = m_stages->currentRow() >= 0 ? m_stages->currentRow() : m_stages->rowCount() - 1;
        if (row >= 0) {
            m_stages->removeRow(row);
            onStagesEdited();
        }
    });

    QFormLayout *db = group(outer, tr("Primary database"), this);
    add(db, u"db_pool_max"_s, tr("Pool (connections)"), tr("Connections the primary accepts in all"), 1, 5000, 0, true, {},
        [](const S &s) { return s.dbPoolMax; }, [](S &s, double v) { s.dbPoolMax = int(std::lround(v)); });
    add(db, u"connections_per_instance"_s, tr("Connections each"), tr("Connections every instance holds to the primary"), 1, 50,
        0, false, {}, [](const S &s) { return s.connectionsPerInstance; },
        [](S &s, double v) { s.connectionsPerInstance = int(std::lround(v)); });
    add(db, u"queries_per_order.reads"_s, tr("Reads per order"), tr("Read queries one order makes"), 0, 200, 1, false, {},
        [](const S &s) { return s.readsPerOrder; }, [](S &s, double v) { s.readsPerOrder = v; });
    add(db, u"queries_per_order.writes"_s, tr("Writes per order"), tr("Write queries one order makes (always on the primary)"), 0,
        100, 1, false, {}, [](const S &s) { return s.writesPerOrder; }, [](S &s, double v) { s.writesPerOrder = v; });
    add(db, u"query_ms"_s, tr("Query time"), tr("Mean time one query holds a connection, uncontended"), 0.1, 1000, 1, true,
        tr(" ms"), [](const S &s) { return s.queryMs; }, [](S &s, double v) { s.queryMs = v; });
    add(db, u"primary_max_qps"_s, tr("Primary capacity"), tr("Queries per second the primary sustains"), 10, 100000, 0, true,
        tr(" q/s"), [](const S &s) { return s.primaryMaxQps; }, [](S &s, double v) { s.primaryMaxQps = v; });

    QFormLayout *cache = group(outer, tr("Cache and read replicas"), this);
    add(cache, u"cache_hit_rate"_s, tr("Cache hit rate"), tr("Share of reads the cache answers"), 0, 100, 0, false, tr(" %"),
        [](const S &s) { return 100 * s.cacheHitRate; }, [](S &s, double v) { s.cacheHitRate = v / 100; });
    add(cache, u"cache_ms"_s, tr("Cache read"), tr("Time of one cache read"), 0, 100, 1, false, tr(" ms"),
        [](const S &s) { return s.cacheMs; }, [](S &s, double v) { s.cacheMs = v; });
    add(cache, u"read_replicas"_s, tr("Read replicas"), tr("Replicas taking the reads the cache misses"), 0, 50, 0, false, {},
        [](const S &s) { return s.readReplicas; }, [](S &s, double v) { s.readReplicas = int(std::lround(v)); });
    add(cache, u"replica_max_qps"_s, tr("Replica capacity"), tr("Queries per second one replica sustains"), 10, 100000, 0, true,
        tr(" q/s"), [](const S &s) { return s.replicaMaxQps; }, [](S &s, double v) { s.replicaMaxQps = v; });
    add(cache, u"replica_pool_max"_s, tr("Replica pool"), tr("Connections each replica accepts"), 1, 5000, 0, true, {},
        [](const S &s) { return s.replicaPoolMax; }, [](S &s, double v) { s.replicaPoolMax = int(std::lround(v)); });
    add(cache, u"replica_connections_per_instance"_s, tr("Replica conns each"), tr("Replica connections every instance holds"),
        1, 50, 0, false, {}, [](const S &s) { return s.replicaConnectionsPerInstance; },
        [](S &s, double v) { s.replicaConnectionsPerInstance = int(std::lround(v)); });

    QFormLayout *traffic = group(outer, tr("Traffic curve"), this);
    add(traffic, u"traffic.baseline_orders_per_hour"_s, tr("Baseline"), tr("Orders per hour before the event"), 10, 1000000, 0,
        true, tr(" /h"), [](const S &s) { return s.traffic.baselineOrdersPerHour; },
        [](S &s, double v) { s.traffic.baselineOrdersPerHour = v; });
    add(traffic, u"traffic.peak_multiplier"_s, tr("Peak"), tr("Peak demand as a multiple of the baseline"), 0.5, 100, 1, true,
        tr(" ×"), [](const S &s) { return s.traffic.peakMultiplier; }, [](S &s, double v) { s.traffic.peakMultiplier = v; });
    add(traffic, u"traffic.ramp_start_hours"_s, tr("Ramp starts in"), tr("Hours from now until demand starts rising"), 0, 168, 1,
        false, tr(" h"), [](const S &s) { return s.traffic.rampStartHours; },
        [](S &s, double v) { s.traffic.rampStartHours = v; });
    add(traffic, u"traffic.ramp_hours"_s, tr("Ramp length"), tr("Hours from baseline to peak (linear)"), 0, 48, 1, false,
        tr(" h"), [](const S &s) { return s.traffic.rampHours; }, [](S &s, double v) { s.traffic.rampHours = v; });
    add(traffic, u"traffic.peak_hours"_s, tr("Peak lasts"), tr("Hours at the peak"), 0, 168, 1, false, tr(" h"),
        [](const S &s) { return s.traffic.peakHours; }, [](S &s, double v) { s.traffic.peakHours = v; });
    add(traffic, u"traffic.decay_hours"_s, tr("Decay"), tr("Time constant of the exponential return to baseline"), 0, 72, 1,
        false, tr(" h"), [](const S &s) { return s.traffic.decayHours; }, [](S &s, double v) { s.traffic.decayHours = v; });
    add(traffic, u"traffic.horizon_hours"_s, tr("Horizon"), tr("Hours simulated"), 6, 336, 0, false, tr(" h"),
        [](const S &s) { return s.traffic.horizonHours; }, [](S &s, double v) { s.traffic.horizonHours = v; });

    QFormLayout *goal = group(outer, tr("Goal"), this);
    add(goal, u"target_orders_per_hour"_s, tr("Target"), tr("Orders per hour the fleet must sustain"), 10, 10000000, 0, true,
        tr(" /h"), [](const S &s) { return s.targetOrdersPerHour; }, [](S &s, double v) { s.targetOrdersPerHour = v; });
    add(goal, u"slo_latency_ms"_s, tr("SLO p95"), tr("Orders slower than this are delayed; p95 must stay below it"), 0.1, 3600,
        1, true, tr(" s"), [](const S &s) { return s.sloLatencyMs / 1000; }, [](S &s, double v) { s.sloLatencyMs = v * 1000; });
    add(goal, u"simulation_seed"_s, tr("Simulation seed"), tr("Seed of the discrete-event simulation"), 0, 1000000, 0, false, {},
        [](const S &s) { return double(s.simulationSeed); }, [](S &s, double v) { s.simulationSeed = quint64(v); });
    outer->addStretch();
}

SliderSpinBox *CapacityParameterPanel::add(QFormLayout *form, const QString &jsonName, const QString &label, const QString &tip,
                                           double min, double max, int decimals, bool log, const QString &suffix,
                                           std::function<double(const CapacityScenario &)> get,
                                           std::function<void(CapacityScenario &, double)> set)
{
    auto *box = new SliderSpinBox(min, max, decimals, log, this);
    box->setSuffix(suffix);
    box->setToolTip(tip + u"\n"_s + jsonName);
    box->setObjectName(jsonName);
    auto *l = new QLabel(label, this);
    l->setToolTip(box->toolTip());
    form->addRow(l, box);
    connect(box, &SliderSpinBox::valueChanged, this, [this] {
        if (!m_updating) {
            updateProfileHint();
            emit edited();
        }
    });
    m_fields.push_back({jsonName, box, std::move(get), std::move(set)});
    return box;
}

void CapacityParameterPanel::setScenario(const CapacityScenario &s)
{
    m_updating = true;
    for (const Field &f : m_fields)
        f.box->setValue(f.get(s));
    {
        const QSignalBlocker block(m_stages);
        m_stages->setRowCount(0);
        for (const WorkflowStage &st : s.stages)
            addStageRow(st);
    }
    m_fromProfile->setChecked(s.serviceFromProfile);
    m_updating = false;
    updateProfileHint();
}

void CapacityParameterPanel::writeTo(CapacityScenario &s) const
{
    for (const Field &f : m_fields)
        f.set(s, f.box->value());
    s.stages.clear();
    for (int r = 0; r < m_stages->rowCount(); ++r) {
        WorkflowStage st;
        st.name = m_stages->item(r, 0) ? m_stages->item(r, 0)->text() : QString();
        st.p50Ms = m_stages->item(r, 1) ? QLocale().toDouble(m_stages->item(r, 1)->text()) : 0;
        st.p95Ms = m_stages->item(r, 2) ? QLocale().toDouble(m_stages->item(r, 2)->text()) : 0;
        // Keep what the model can use: p95 ≥ p50 > 0.
        if (st.p50Ms > 0) {
            st.p95Ms = std::max(st.p95Ms, st.p50Ms);
            s.stages.push_back(st);
        }
    }
    s.serviceFromProfile = m_fromProfile->isChecked() && !s.stages.empty();
}

SliderSpinBox *CapacityParameterPanel::field(const QString &jsonName) const
{
    for (const Field &f : m_fields) {
        if (f.name == jsonName)
            return f.box;
    }
    return nullptr;
}

void CapacityParameterPanel::addStageRow(const WorkflowStage &stage)
{
    const QSignalBlocker block(m_stages);
    const int r = m_stages->rowCount();
    m_stages->insertRow(r);
    m_stages->setItem(r, 0, new QTableWidgetItem(stage.name));
    for (int c : {1, 2}) {
        auto *item = new QTableWidgetItem(QLocale().toString(c == 1 ? stage.p50Ms : stage.p95Ms, 'f', 0));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_stages->setItem(r, c, item);
    }
}

void CapacityParameterPanel::onStagesEdited()
{
    updateProfileHint();
    if (!m_updating)
        emit edited();
}

void CapacityParameterPanel::updateProfileHint()
{
    CapacityScenario s;
    writeTo(s);
    const bool profile = m_fromProfile->isChecked() && !s.stages.empty();
    if (SliderSpinBox *per = field(u"per_instance_orders_per_hour"_s))
        per->setEnabled(!profile);
    if (s.stages.empty()) {
        m_profileHint->setText(tr("No profile: the app stage is exponential with the typed throughput."));
        return;
    }
    s.serviceFromProfile = true;
    const double mean = s.appServiceMs();
    const QString implied = tr("The profile's stages take %1 s per order on average: %2 orders/h per instance at %3 worker(s).")
                                .arg(QLocale().toString(mean / 1000, 'f', 2),
                                     QLocale().toString(s.effectivePerInstanceOrdersPerHour(), 'f', 0))
                                .arg(s.workersPerInstance);
    m_profileHint->setText(profile ? implied : implied + u' ' + tr("Not used: the typed throughput applies."));
}
