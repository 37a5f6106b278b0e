#include "record.h"

namespace Apprentice {

Record Record::fromView(const RecordView &v)
{
    Record r;
    r.workflow.assign(v.workflow);
    r.version.assign(v.version);
    r.execution.assign(v.execution);
    r.tool.assign(v.tool);
    r.error.assign(v.error);
    r.tsMs = v.tsMs;
    r.values = v.values;
    r.ok = v.ok;
    r.line = v.line;
    r.custom.reserve(size_t(v.customCount));
    for (int i = 0; i < v.customCount; ++i)
        r.custom.emplace_back(std::string(v.custom[i].name), v.custom[i].value);
    return r;
}

RecordView Record::view(std::vector<CustomMetricView> &scratch) const
{
    RecordView v;
    v.workflow = workflow;
    v.version = version;
    v.execution = execution;
    v.tool = tool;
    v.error = error;
    v.tsMs = tsMs;
    v.values = values;
    v.ok = ok;
    v.line = line;
    scratch.clear();
    for (const auto &[name, value] : custom)
        scratch.push_back({name, value});
    v.custom = scratch.data();
    v.customCount = int(scratch.size());
    return v;
}

} // namespace Apprentice
