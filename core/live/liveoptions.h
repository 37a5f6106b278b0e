#pragma once

#include "filetailconfig.h"
#include "otlpreceiverconfig.h"
#include "streamclientconfig.h"

namespace Apprentice {

/// Tuning shared by every connection a ConnectionManager opens. The per-connection parts (address, port, URL,
/// path, token, allowRemote, fromStart) come from each ConnectionSpec and override these.
struct LiveOptions {
    OtlpReceiverConfig receiver; ///< limits and timeouts of receivers
    StreamClientConfig stream;   ///< backoff and limits of stream clients
    FileTailConfig tail;         ///< polling and limits of tails
    qint64 queueCapacity = 200000; ///< records waiting for the consumer before sources are held back
    int flushIntervalMs = 66;      ///< batches are delivered at most this often (~15 Hz)
    int statusIntervalMs = 250;    ///< connection states and counters are refreshed this often
};

} // namespace Apprentice
