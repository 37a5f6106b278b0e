#pragma once

#include <QJsonObject>
#include <QString>

#include <vector>

namespace Apprentice {

struct ChatMessage {
    QString role; ///< "user" | "assistant"
    QString content;
};

/// A provider-neutral chat request; each provider maps it onto its own wire format.
struct ChatRequest {
    QString system;
    std::vector<ChatMessage> messages;
    QJsonObject schema;        ///< JSON schema of the answer; empty = free text
    QString schemaName = QStringLiteral("diagnosis");
};

} // namespace Apprentice
