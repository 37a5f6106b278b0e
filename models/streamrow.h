#pragma once

#include "record.h"

#include <QString>

#include <array>

/// One tool call as the live stream shows it: the record plus what the engine made of it.
/// Strings are interned by the producer, so rows of one workflow share their text.
struct StreamRow {
    enum Flag : quint8 {
        Anomaly = 1,  ///< an isolated out-of-profile value
        Drift = 2,    ///< a sustained change was detected on this record
        Failure = 4,  ///< status error
        Learning = 8  ///< the workflow version was still in apprenticeship
    };

    qint64 seq = 0;   ///< running number of the record in this session (stable selection key)
    qint64 tsMs = 0;
    qint64 line = 0;  ///< line in its file; 0 for live sources
    QString workflow;
    QString version;
    QString execution;
    QString tool;
    QString error;
    std::array<double, Apprentice::BuiltinMetricCount> values{};
    float driftScore = 0; ///< the seed's sigmoid score, highest over the record's metrics (0–1)
    quint8 flags = 0;
    quint8 phase = 0;     ///< Apprentice::Phase of the workflow version when the record arrived
    qint16 fileIndex = -1; ///< index into the session's file list; −1 for the demo and live sources
    bool ok = true;

    double value(Apprentice::Metric m) const { return values[size_t(m)]; }
    bool has(Flag f) const { return flags & f; }
};
