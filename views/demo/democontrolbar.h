#pragma once

#include "enginepublication.h"
#include "simulator/situation.h"

#include <QToolBar>

#include <array>

class QAction;
class QComboBox;
class QLabel;

/// Controls of the built-in demo: the seed's situations (toggles, several at once), back to
/// normal, speed from real time to as fast as possible, pause, restart. Shows the simulated clock.
class DemoControlBar : public QToolBar
{
    Q_OBJECT
public:
    explicit DemoControlBar(QWidget *parent = nullptr);

    /// Speeds offered, in simulated ms per wall ms (0 = as fast as possible).
    static const std::vector<double> &speeds();
    /// "×50 (≈ 29 executions/s)"
    static QString speedText(double speed);

    void setState(const DemoState &state);
    double speed() const;
    void setSpeed(double speed);

    QAction *situationAction(Apprentice::Situation situation) const;
    QAction *normalAction() const { return m_normal; }
    QAction *pauseAction() const { return m_pause; }
    QAction *restartAction() const { return m_restart; }
    QComboBox *speedCombo() const { return m_speed; }
    /// The simulated clock, for the window's status bar.
    QLabel *clockLabel() const { return m_clock; }

signals:
    void situationToggled(Apprentice::Situation situation, bool active);
    void speedChanged(double speed);
    void pauseToggled(bool paused);
    void restartRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    std::array<QAction *, Apprentice::SituationCount> m_situations{};
    QAction *m_normal = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_restart = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_clock = nullptr;
    DemoState m_state;
};
