#include "democontrolbar.h"

#include "common/icons.h"
#include "format.h"
#include "simulator/demosimulator.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QLocale>

#include <cmath>

using namespace Apprentice;

namespace {

QString iconFor(Situation s)
{
    switch (s) {
    case Situation::ApiSlowdown: return QStringLiteral("slowdown");
    case Situation::ValidationDegradation: return QStringLiteral("degradation");
    case Situation::ApiOutage: return QStringLiteral("outage");
    case Situation::SlowCreep: return QStringLiteral("creep");
    case Situation::BlackFriday: return QStringLiteral("traffic");
    case Situation::ShadowRelease: return QStringLiteral("versions");
    case Situation::Normal: break;
    }
    return QStringLiteral("normal");
}

} // namespace

DemoControlBar::DemoControlBar(QWidget *parent)
    : QToolBar(parent)
{
    setObjectName(QStringLiteral("demoToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(18, 18));
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setContentsMargins(6, 0, 6, 0);
    addWidget(m_title);

    for (int i = 1; i < SituationCount; ++i) {
        const auto s = Situation(i);
        auto *a = addAction(Icons::get(iconFor(s)), QString());
        a->setCheckable(true);
        a->setObjectName(QStringLiteral("situation_%1").arg(situationName(s)));
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + i)));
        connect(a, &QAction::toggled, this, [this, s](bool on) { emit situationToggled(s, on); });
        m_situations[size_t(i)] = a;
    }
    m_normal = addAction(Icons::get(QStringLiteral("normal")), QString());
    m_normal->setObjectName(QStringLiteral("situation_normal"));
    m_normal->setShortcut(QKeySequence(Qt::ALT | Qt::Key_0));
    connect(m_normal, &QAction::triggered, this, [this] { emit situationToggled(Situation::Normal, true); });
    addSeparator();

    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("demoSpeed"));
    for (double s : speeds())
        m_speed->addItem(QString(), s);
    addWidget(m_speed);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { emit speedChanged(speed()); });
    m_pause = addAction(Icons::get(QStringLiteral("pause")), QString());
    m_pause->setObjectName(QStringLiteral("demoPause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        m_pause->setIcon(Icons::get(paused ? QStringLiteral("play") : QStringLiteral("pause")));
        emit pauseToggled(paused);
    });
    m_restart = addAction(Icons::get(QStringLiteral("reset")), QString());
    m_restart->setObjectName(QStringLiteral("demoRestart"));
    connect(m_restart, &QAction::triggered, this, &DemoControlBar::restartRequested);

    // The clock lives in the status bar (clockLabel()): the toolbar needs its width for the buttons.
    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("demoClock"));
    m_clock->setContentsMargins(6, 0, 8, 0);
    m_clock->hide();
    retranslate();
}

const std::vector<double> &DemoControlBar::speeds()
{
    static const std::vector<double> s = {1, 10, 50, 100, 1000, 10000, 100000, 0};
    return s;
}

QString DemoControlBar::speedText(double speed)
{
    if (speed <= 0)
        return tr("As fast as possible");
    if (speed == 1)
        return tr("Real time");
    const double perSecond = DemoSimulator::DefaultRatePerDay / 86400.0 * speed;
    return tr("×%1 · %2 exec/s").arg(QLocale().toString(qint64(speed)), Format::number(perSecond, 2));
}

double DemoControlBar::speed() const
{
    return m_speed->currentData().toDouble();
}

void DemoControlBar::setSpeed(double speed)
{
    // Shows the speed in force without sending it back; an unusual one (--speed) gets its own entry.
    const QSignalBlocker block(m_speed);
    int index = -1;
    for (int i = 0; i < m_speed->count(); ++i)
        if (m_speed->itemData(i).toDouble() == speed)
            index = i;
    if (index < 0) {
        int at = 0;
        while (at < m_speed->count() && m_speed->itemData(at).toDouble() > 0 && m_speed->itemData(at).toDouble() < speed)
            ++at;
        m_speed->insertItem(at, speedText(speed), speed);
        index = at;
    }
    m_speed->setCurrentIndex(index);
}

QAction *DemoControlBar::situationAction(Situation situation) const
{
    return situation == Situation::Normal ? m_normal : m_situations[size_t(situation)];
}

void DemoControlBar::setState(const DemoState &state)
{
    m_state = state;
    for (int i = 1; i < SituationCount; ++i) {
        QAction *a = m_situations[size_t(i)];
        const QSignalBlocker block(a);
        a->setChecked(state.situations & (1u << i));
    }
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(state.paused);
        m_pause->setIcon(Icons::get(state.paused ? QStringLiteral("play") : QStringLiteral("pause")));
    }
    for (QAction *a : actions())
        if (a != m_restart)
            a->setEnabled(state.running);
    m_speed->setEnabled(state.running);
    if (!state.running) {
        m_clock->setText(tr("Demo stopped"));
        return;
    }
    const qint64 elapsed = std::max<qint64>(0, state.simulatedTimeMs - DemoSimulator::DefaultStartMs);
    const qint64 day = elapsed / DemoSimulator::DayMs + 1;
    const QString time = QDateTime::fromMSecsSinceEpoch(state.simulatedTimeMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
    m_clock->setText(tr("Day %1 %2 · %3 executions%4")
                         .arg(day)
                         .arg(time, Format::count(state.executions),
                              state.paused ? u"  ·  " + tr("paused") : QString()));
}

void DemoControlBar::retranslate()
{
    setWindowTitle(tr("Demo"));
    m_title->setText(tr("Demo:"));
    m_title->setToolTip(tr("A simulated process_customer_order workflow (fetch_data → process → validate → send_results)"));
    struct Text {
        Situation s;
        QString text;
        QString tip;
    };
    const Text texts[] = {
        {Situation::ApiSlowdown, tr("API slowdown"),
         tr("The external API behind fetch_data slows from ≈225 ms to ≈890 ms; the output stays the same")},
        {Situation::ValidationDegradation, tr("Validation degradation"),
         tr("validate's pass rate falls from ≈100 % to ≈90 %: quality degrades while the tools look healthy")},
        {Situation::ApiOutage, tr("API outage"), tr("Every fetch_data call fails fast with HTTP 500; executions stop there")},
        {Situation::SlowCreep, tr("Slow creep"), tr("fetch_data gets 1.2 ms slower per simulated day and validation 0.02 % worse")},
        {Situation::BlackFriday, tr("Black Friday"), tr("Ten times the traffic; the loaded system gets mildly slower")},
        {Situation::ShadowRelease, tr("New version"),
         tr("Version 1.1.0, with a cache in fetch_data, runs in shadow mode on every other execution: it learns its "
            "own profile and the Versions page compares it with 1.0.0")},
    };
    for (const Text &t : texts) {
        QAction *a = m_situations[size_t(t.s)];
        a->setText(t.text);
        a->setToolTip(tr("%1 (%2). Click again to end it.").arg(t.tip, a->shortcut().toString(QKeySequence::NativeText)));
    }
    m_normal->setText(tr("Normal"));
    m_normal->setToolTip(tr("End every situation (%1)").arg(m_normal->shortcut().toString(QKeySequence::NativeText)));
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Pause or resume the simulation (%1)").arg(m_pause->shortcut().toString(QKeySequence::NativeText)));
    m_restart->setText(tr("Restart"));
    m_restart->setToolTip(tr("Start the demo again from an empty session"));
    m_speed->setToolTip(tr("Simulated time per second of wall time; the demo produces 50,000 executions per simulated day"));
    m_clock->setToolTip(tr("The simulated clock (UTC) and the executions produced so far"));
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, speedText(m_speed->itemData(i).toDouble()));
    setState(m_state);
}

void DemoControlBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}
