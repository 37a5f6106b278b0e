#pragma once

#include "simulator/situation.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

/// How the engine host runs a session.
struct HostConfig {
    int streamCapacity = 100000;    ///< records a publication carries at most (the stream ring's size)
    qsizetype historyCapacity = 1000000; ///< points kept per (workflow, version, tool, metric) for charts
    int graduationExecutions = 50;  ///< executions before a workflow version graduates
    QByteArray tiersJson;           ///< investigation ladder ({"tiers":[...]}); empty = built-in rules only
    int publishIntervalMs = 50;     ///< ~20 Hz
    /// The SQLite store that keeps what sessions learn (profiles, phases, events, ledger): a session on real
    /// data continues from it and writes back to it; the demo never touches it. Empty: nothing is kept.
    QString storePath;
};

/// What the session keeps in the store: set when a session on real data attaches to it.
struct StoreStatus {
    QString path;      ///< the store attached to (empty: none)
    int restored = 0;  ///< workflow versions the session continued from
    QString error;     ///< why nothing is kept (cannot open, unreadable, a failed write); empty: all is well
};

/// How the built-in demo starts.
struct DemoOptions {
    quint64 seed = 1;
    double speed = 50;  ///< simulated ms per wall ms; 0 = as fast as possible
    Apprentice::Situation scenario = Apprentice::Situation::Normal;
    qint64 scenarioAt = 300;      ///< executions before the scenario's situation starts
    qint64 pauseAt = -1;          ///< pause once this many executions ran (−1: never)
    double ratePerDay = 50000;
};

/// An operator's decision on a drift, queued to the engine thread.
struct OperatorAction {
    enum Kind { AcceptAsNormal, Dismiss, MarkForEvolution };
    Kind kind = AcceptAsNormal;
    qint64 eventId = 0; ///< the drift or failure acted on
    QString workflow;
    QString version;
    QString tool;
    QString metric;
    QString who;
};
