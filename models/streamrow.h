#pragma once

#include "record.h"

#include <QString>

#include <array>

/// Names of the places records come from (a file, a live connection, the demo), interned for the whole
/// process so a row carries a small index instead of a string. Names are only ever added; thread-safe.
class StreamSources
{
public:
    static constexpr qint16 None = -1; ///< unnamed
    static constexpr qint16 Demo = 0;  ///< the built-in simulator (shown translated)

    /// The index of `name`, added when new. Past 32,767 names every new one shares the last index.
    static qint16 intern(const QString &name);
    /// The name of `index` as interned ("demo" for Demo); empty for None or an unknown index.
    static QString name(qint16 index);
    /// How many names there are (indexes 0 .. count − 1).
    static int count();
};

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
    qint16 source = StreamSources::None; ///< where the record came from: file name, connection, demo
    bool ok = true;

    double value(Apprentice::Metric m) const { return values[size_t(m)]; }
    bool has(Flag f) const { return flags & f; }
};
