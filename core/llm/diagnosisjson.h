#pragma once

#include "diagnosis.h"

#include <QJsonObject>
#include <QString>

namespace Apprentice {

/// The one JSON schema every provider is asked to answer in (resources/prompts/diagnosis.schema.json).
QJsonObject diagnosisSchema();
/// A diagnosis in the schema's shape (snake_case keys).
QJsonObject diagnosisToJson(const Diagnosis &d);
/// Validates `o` against the schema; on failure returns false and a message fit to send back to the model.
bool diagnosisFromJson(const QJsonObject &o, Diagnosis &out, QString *error);
/// The first complete JSON object in free text (bare, inside ```json fences, or after prose); empty when none.
QByteArray extractJsonObject(const QString &text);
/// extractJsonObject + parse + diagnosisFromJson, with an error naming what was wrong.
bool parseDiagnosisText(const QString &text, Diagnosis &out, QString *error);

} // namespace Apprentice
