#include "connectionspec.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

QString connectionKindName(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::OtlpReceiver: return u"otlp"_s;
    case ConnectionKind::NdjsonStream: return u"ndjson"_s;
    case ConnectionKind::SseStream: return u"sse"_s;
    case ConnectionKind::FileTail: return u"tail"_s;
    }
    return {};
}

bool connectionKindFromName(const QString &name, ConnectionKind &out)
{
    for (int i = 0; i < ConnectionKindCount; ++i) {
        if (connectionKindName(ConnectionKind(i)) == name) {
            out = ConnectionKind(i);
            return true;
        }
    }
    return false;
}

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting: return u"connecting"_s;
    case ConnectionState::Connected: return u"connected"_s;
    case ConnectionState::Retrying: return u"retrying"_s;
    case ConnectionState::Stopped: return u"stopped"_s;
    }
    return {};
}

} // namespace Apprentice
