#pragma once

// Test data for the console's model, view and end-to-end tests: demo exports written on the fly.

#include "record.h"
#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"
#include "simulator/situation.h"

#include <QFile>
#include <QString>

#include <string>

namespace ConsoleTestData {

/// Writes `executions` demo executions as JSON Lines; `situation` switches on after `at` of them.
/// `badLines` malformed lines are interleaved (every 97th line) to exercise rejection.
inline bool writeDemoExport(const QString &path, qint64 executions,
                            Apprentice::Situation situation = Apprentice::Situation::Normal, qint64 at = 300,
                            int badLines = 0)
{
    using namespace Apprentice;
    DemoSimulator sim(7);
    if (situation != Situation::Normal)
        sim.schedule(situation, at);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::string buffer;
    std::vector<Record> records;
    int bad = 0;
    qint64 lines = 0;
    for (qint64 i = 0; i < executions; ++i) {
        const int n = sim.nextExecution(records);
        for (int k = 0; k < n; ++k) {
            ExportWriter::appendLine(buffer, records[size_t(k)]);
            if (bad < badLines && ++lines % 97 == 0) {
                buffer += "{\"ts\":\"not a time\",\"workflow\":\"broken\"}\n";
                ++bad;
            }
        }
        if (buffer.size() > (1 << 20)) {
            file.write(buffer.data(), qint64(buffer.size()));
            buffer.clear();
        }
    }
    while (bad < badLines) {
        buffer += "this is not json\n";
        ++bad;
    }
    file.write(buffer.data(), qint64(buffer.size()));
    return file.error() == QFile::NoError;
}

} // namespace ConsoleTestData
