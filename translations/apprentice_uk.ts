<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>CapacityChangesPanel</name>
    <message>
        <source>Connections per instance</source>
        <translation>З’єднань на екземпляр</translation>
    </message>
    <message>
        <source>Cache with hit rate</source>
        <translation>Кеш із часткою влучань</translation>
    </message>
    <message>
        <source>Read replicas</source>
        <translation>Репліки для читання</translation>
    </message>
    <message>
        <source>Bigger DB pool</source>
        <translation>Більший пул БД</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Екземпляри</translation>
    </message>
    <message>
        <source>Autoscaling up to</source>
        <translation>Автомасштабування до</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Costs and solver limits…</source>
        <translation>Вартість і межі розв’язувача…</translation>
    </message>
</context>
<context>
    <name>CapacityCharts</name>
    <message>
        <source>App</source>
        <translation>Застосунок</translation>
    </message>
    <message>
        <source>DB pool</source>
        <translation>Пул БД</translation>
    </message>
    <message>
        <source>DB conns</source>
        <translation>З’єдн. БД</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Основна БД</translation>
    </message>
    <message>
        <source>Replica pool</source>
        <translation>Пул реплік</translation>
    </message>
    <message>
        <source>Replica conns</source>
        <translation>З’єдн. реплік</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>Репліки</translation>
    </message>
    <message>
        <source>Demand against capacity</source>
        <translation>Попит проти потужності</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Попит</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Потужність</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Обслужено</translation>
    </message>
    <message>
        <source>Served (simulation)</source>
        <translation>Обслужено (моделювання)</translation>
    </message>
    <message>
        <source>Backlog (right axis)</source>
        <translation>Черга (права вісь)</translation>
    </message>
    <message>
        <source>Capacity A</source>
        <translation>Потужність A</translation>
    </message>
    <message>
        <source>Capacity B</source>
        <translation>Потужність B</translation>
    </message>
    <message>
        <source>hours from now</source>
        <translation>годин від зараз</translation>
    </message>
    <message>
        <source>orders/h (thousands)</source>
        <translation>замовлень/год (тис.)</translation>
    </message>
    <message>
        <source>backlog (orders)</source>
        <translation>черга (замовлень)</translation>
    </message>
    <message>
        <source>p95 latency over time</source>
        <translation>Затримка p95 у часі</translation>
    </message>
    <message>
        <source>p95 (fluid model)</source>
        <translation>p95 (потокова модель)</translation>
    </message>
    <message>
        <source>p95 (simulation)</source>
        <translation>p95 (моделювання)</translation>
    </message>
    <message>
        <source>SLO</source>
        <translation>SLO</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>логарифмічна шкала</translation>
    </message>
    <message>
        <source>Utilisation at the target</source>
        <translation>Завантаження на цілі</translation>
    </message>
    <message>
        <source>Utilisation (%)</source>
        <translation>Завантаження (%)</translation>
    </message>
    <message>
        <source>% of capacity</source>
        <translation>% потужності</translation>
    </message>
    <message>
        <source>backlog (thousand orders)</source>
        <translation>черга (тис. замовлень)</translation>
    </message>
    <message>
        <source>Utilisation at %1 orders/h</source>
        <translation>Завантаження при %1 замовлень/год</translation>
    </message>
    <message>
        <source>Red: the binding resource or one above 100 %</source>
        <translation>Червоним: обмежувальний ресурс або завантажений понад 100 %</translation>
    </message>
    <message>
        <source>1 ms</source>
        <translation>1 мс</translation>
    </message>
    <message>
        <source>10 ms</source>
        <translation>10 мс</translation>
    </message>
    <message>
        <source>100 ms</source>
        <translation>100 мс</translation>
    </message>
    <message>
        <source>1 s</source>
        <translation>1 с</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 с</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 хв</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 хв</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 год</translation>
    </message>
    <message>
        <source>10 h</source>
        <translation>10 год</translation>
    </message>
    <message>
        <source>1 d</source>
        <translation>1 д</translation>
    </message>
    <message>
        <source>10 d</source>
        <translation>10 д</translation>
    </message>
</context>
<context>
    <name>CapacityCostsDialog</name>
    <message>
        <source>one-time change</source>
        <translation>разова зміна</translation>
    </message>
    <message>
        <source>cache node</source>
        <translation>вузол кешу</translation>
    </message>
    <message>
        <source>extra replica</source>
        <translation>додаткова репліка</translation>
    </message>
    <message>
        <source>100 extra connections</source>
        <translation>100 додаткових з’єднань</translation>
    </message>
    <message>
        <source>extra instance</source>
        <translation>додатковий екземпляр</translation>
    </message>
    <message>
        <source>Costs and solver limits</source>
        <translation>Вартість і межі розв’язувача</translation>
    </message>
    <message>
        <source>Running costs count over the cost horizon (the traffic curve&apos;s length). The solver decides only the changes it may use, up to their limit (down to it for connections per instance).</source>
        <translation>Поточні витрати рахуються за горизонт вартості (довжину кривої трафіку). Розв’язувач вирішує лише щодо дозволених змін, у межах їхнього ліміту (для з’єднань на екземпляр — не нижче за нього).</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>Розв’язувач</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>До</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Разово</translation>
    </message>
    <message>
        <source>Per unit-hour</source>
        <translation>За одиницю-годину</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Одиниця</translation>
    </message>
    <message>
        <source>The solver may use this change</source>
        <translation>Розв’язувач може застосувати цю зміну</translation>
    </message>
    <message>
        <source>Autoscaling rule</source>
        <translation>Правило автомасштабування</translation>
    </message>
    <message>
        <source>today&apos;s fleet</source>
        <translation>поточний парк</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <source>Minimum instances</source>
        <translation>Мінімум екземплярів</translation>
    </message>
    <message>
        <source>Target utilisation</source>
        <translation>Цільове завантаження</translation>
    </message>
    <message>
        <source>Reacts to demand seen</source>
        <translation>Реагує на попит за</translation>
    </message>
</context>
<context>
    <name>CapacityPage</name>
    <message>
        <source>unbounded</source>
        <translation>без обмежень</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 год</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 хв</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Відкрити…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Зберегти…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Експортувати звіт…</translation>
    </message>
    <message>
        <source>Seed scenario</source>
        <translation>Сценарій зі статті</translation>
    </message>
    <message>
        <source>Load the seed&apos;s Black-Friday scenario</source>
        <translation>Завантажити сценарій «Чорної п’ятниці» зі статті</translation>
    </message>
    <message>
        <source>Simulate</source>
        <translation>Змоделювати</translation>
    </message>
    <message>
        <source>Run the seeded discrete-event simulation now</source>
        <translation>Запустити дискретно-подієве моделювання з фіксованим зерном зараз</translation>
    </message>
    <message>
        <source>after each change</source>
        <translation>після кожної зміни</translation>
    </message>
    <message>
        <source>simulation %p%</source>
        <translation>моделювання %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Keep as A</source>
        <translation>Зберегти як A</translation>
    </message>
    <message>
        <source>Keep as B</source>
        <translation>Зберегти як B</translation>
    </message>
    <message>
        <source>Remember this what-if for the A/B comparison</source>
        <translation>Запам’ятати цей сценарій для порівняння A/B</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Твердження</translation>
    </message>
    <message>
        <source>Model says</source>
        <translation>Модель каже</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Етап</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Середнє</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>At the target</source>
        <translation>На цілі</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Зараз</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Висновки</translation>
    </message>
    <message>
        <source>Claims checked</source>
        <translation>Перевірені твердження</translation>
    </message>
    <message>
        <source>Latency by stage</source>
        <translation>Затримка за етапами</translation>
    </message>
    <message>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <source>What-if changes</source>
        <translation>Зміни «що як»</translation>
    </message>
    <message>
        <source>Cheapest change that holds</source>
        <translation>Найдешевша зміна, що витримує</translation>
    </message>
    <message>
        <source>Find plan</source>
        <translation>Знайти план</translation>
    </message>
    <message>
        <source>Search the allowed changes for the cheapest combination that meets the target and SLO</source>
        <translation>Шукати серед дозволених змін найдешевшу комбінацію, що досягає цілі й SLO</translation>
    </message>
    <message>
        <source>Apply plan</source>
        <translation>Застосувати план</translation>
    </message>
    <message>
        <source>The solver sizes the fleet by Erlang C, checks every hour of the curve and says why each change is needed.</source>
        <translation>Розв’язувач розраховує парк за формулою Ерланга C, перевіряє кожну годину кривої й пояснює, навіщо потрібна кожна зміна.</translation>
    </message>
    <message>
        <source>Untitled scenario</source>
        <translation>Сценарій без назви</translation>
    </message>
    <message>
        <source>Recomputed in %1 ms (model %2 ms).</source>
        <translation>Перераховано за %1 мс (модель %2 мс).</translation>
    </message>
    <message>
        <source>Simulation: not run for this scenario yet.</source>
        <translation>Моделювання: для цього сценарію ще не запускалося.</translation>
    </message>
    <message>
        <source>✔ The target holds: %1 orders/h with p95 %2 (SLO %3).</source>
        <translation>✔ Ціль витримується: %1 замовлень/год з p95 %2 (SLO %3).</translation>
    </message>
    <message>
        <source>✘ Breaks: %1 orders/h needed, at most %2 sustainable.</source>
        <translation>✘ Не витримує: потрібно %1 замовлень/год, стабільно можливо щонайбільше %2.</translation>
    </message>
    <message>
        <source>✘ Throughput holds, latency does not: p95 %1 at the target (SLO %2).</source>
        <translation>✘ Пропускна здатність витримується, затримка — ні: p95 %1 на цілі (SLO %2).</translation>
    </message>
    <message>
        <source>✘ The peak holds but the ramp does not: p95 %1 in hour %2 (SLO %3).</source>
        <translation>✘ Пік витримується, а наростання — ні: p95 %1 на годині %2 (SLO %3).</translation>
    </message>
    <message>
        <source>Over %1 h: %2 of %3 orders later than the SLO (%4), peak backlog %5 orders, cost of the changes %6.</source>
        <translation>За %1 год: %2 з %3 замовлень пізніше за SLO (%4), пікова черга %5 замовлень, вартість змін %6.</translation>
    </message>
    <message>
        <source>✔ holds</source>
        <translation>✔ витримується</translation>
    </message>
    <message>
        <source>✘ false</source>
        <translation>✘ хибно</translation>
    </message>
    <message>
        <source>Claims checked (%1)</source>
        <translation>Перевірені твердження (%1)</translation>
    </message>
    <message>
        <source>Whole order (p95 of the sum)</source>
        <translation>Усе замовлення (p95 суми)</translation>
    </message>
    <message>
        <source>  tool %1 (profile p50 / p95)</source>
        <translation>  інструмент %1 (профіль p50 / p95)</translation>
    </message>
    <message>
        <source>With it: </source>
        <translation>З нею: </translation>
    </message>
    <message>
        <source>Without it: </source>
        <translation>Без неї: </translation>
    </message>
    <message>
        <source>max %1 → %2 /h</source>
        <translation>макс. %1 → %2 /год</translation>
    </message>
    <message>
        <source>, binds: %1</source>
        <translation>, обмежує: %1</translation>
    </message>
    <message>
        <source>, p95 %1</source>
        <translation>, p95 %1</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Cost over %1 h: %2</source>
        <translation>Вартість за %1 год: %2</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Сценарій</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>витримує</translation>
    </message>
    <message>
        <source>breaks</source>
        <translation>не витримує</translation>
    </message>
    <message>
        <source>Max throughput (orders/h)</source>
        <translation>Макс. пропускна здатність (замовлень/год)</translation>
    </message>
    <message>
        <source>Bottleneck</source>
        <translation>Вузьке місце</translation>
    </message>
    <message>
        <source>Instances usable / requested</source>
        <translation>Екземплярів придатних / запитаних</translation>
    </message>
    <message>
        <source>Connections / pool</source>
        <translation>З’єднання / пул</translation>
    </message>
    <message>
        <source>p95 at the target</source>
        <translation>p95 на цілі</translation>
    </message>
    <message>
        <source>Worst hourly p95</source>
        <translation>Найгірший погодинний p95</translation>
    </message>
    <message>
        <source>Orders later than the SLO</source>
        <translation>Замовлень пізніше за SLO</translation>
    </message>
    <message>
        <source>Peak backlog</source>
        <translation>Пікова черга</translation>
    </message>
    <message>
        <source>Cost of the changes</source>
        <translation>Вартість змін</translation>
    </message>
    <message>
        <source>Simulating %1 h of traffic (seed %2)…</source>
        <translation>Моделювання %1 год трафіку (зерно %2)…</translation>
    </message>
    <message>
        <source>Simulation cancelled.</source>
        <translation>Моделювання скасовано.</translation>
    </message>
    <message>
        <source> Served orders differ from the fluid model by %1 %.</source>
        <translation> Обслужені замовлення відрізняються від потокової моделі на %1 %.</translation>
    </message>
    <message>
        <source>Simulation (seed %1): %2 orders in %3 s; p95 %4, %5 later than the SLO.</source>
        <translation>Моделювання (зерно %1): %2 замовлень за %3 с; p95 %4, пізніше за SLO — %5.</translation>
    </message>
    <message>
        <source>%1 orders were still queued when the run stopped %2 h after the horizon: their latencies count as lower bounds.</source>
        <translation>%1 замовлень ще стояли в черзі, коли прогін зупинився через %2 год після горизонту: їхні затримки — нижні оцінки.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Пошук…</translation>
    </message>
    <message>
        <source>Applied: the what-if now is the plan.</source>
        <translation>Застосовано: сценарій тепер відповідає плану.</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>Не вдається створити %1</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>Відкрити сценарій</translation>
    </message>
    <message>
        <source>Scenarios (*.json)</source>
        <translation>Сценарії (*.json)</translation>
    </message>
    <message>
        <source>%1 is not a valid scenario:
%2</source>
        <translation>%1 не є коректним сценарієм:
%2</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>Зберегти сценарій</translation>
    </message>
    <message>
        <source>Export report into</source>
        <translation>Експортувати звіт до</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Експорт звіту</translation>
    </message>
</context>
<context>
    <name>CapacityParameterPanel</name>
    <message>
        <source>App fleet</source>
        <translation>Парк застосунку</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Екземпляри</translation>
    </message>
    <message>
        <source>App instances running today</source>
        <translation>Екземпляри застосунку, що працюють зараз</translation>
    </message>
    <message>
        <source>Orders/h each</source>
        <translation>Замовлень/год на кожен</translation>
    </message>
    <message>
        <source>Orders one instance completes per hour at saturation</source>
        <translation>Замовлень, які один екземпляр завершує за годину під повним навантаженням</translation>
    </message>
    <message>
        <source>Workers each</source>
        <translation>Обробників на кожен</translation>
    </message>
    <message>
        <source>Orders one instance processes at the same time</source>
        <translation>Замовлень, які один екземпляр обробляє одночасно</translation>
    </message>
    <message>
        <source>Service times</source>
        <translation>Час обслуговування</translation>
    </message>
    <message>
        <source>From the workflow&apos;s profile (tool p50/p95)</source>
        <translation>З профілю робочого процесу (p50/p95 інструментів)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Етап</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 мс</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 мс</translation>
    </message>
    <message>
        <source>Add stage</source>
        <translation>Додати етап</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>етап %1</translation>
    </message>
    <message>
        <source>Primary database</source>
        <translation>Основна база даних</translation>
    </message>
    <message>
        <source>Pool (connections)</source>
        <translation>Пул (з’єднань)</translation>
    </message>
    <message>
        <source>Connections the primary accepts in all</source>
        <translation>Скільки всього з’єднань приймає основна БД</translation>
    </message>
    <message>
        <source>Connections each</source>
        <translation>З’єднань на кожен</translation>
    </message>
    <message>
        <source>Connections every instance holds to the primary</source>
        <translation>З’єднань, які кожен екземпляр тримає до основної БД</translation>
    </message>
    <message>
        <source>Reads per order</source>
        <translation>Читань на замовлення</translation>
    </message>
    <message>
        <source>Read queries one order makes</source>
        <translation>Запитів на читання від одного замовлення</translation>
    </message>
    <message>
        <source>Writes per order</source>
        <translation>Записів на замовлення</translation>
    </message>
    <message>
        <source>Write queries one order makes (always on the primary)</source>
        <translation>Запитів на запис від одного замовлення (завжди до основної БД)</translation>
    </message>
    <message>
        <source>Query time</source>
        <translation>Час запиту</translation>
    </message>
    <message>
        <source>Mean time one query holds a connection, uncontended</source>
        <translation>Середній час, протягом якого запит тримає з’єднання, без конкуренції</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>Primary capacity</source>
        <translation>Потужність основної БД</translation>
    </message>
    <message>
        <source>Queries per second the primary sustains</source>
        <translation>Запитів за секунду, які витримує основна БД</translation>
    </message>
    <message>
        <source> q/s</source>
        <translation> зап./с</translation>
    </message>
    <message>
        <source>Cache and read replicas</source>
        <translation>Кеш і репліки для читання</translation>
    </message>
    <message>
        <source>Cache hit rate</source>
        <translation>Частка влучань у кеш</translation>
    </message>
    <message>
        <source>Share of reads the cache answers</source>
        <translation>Частка читань, на які відповідає кеш</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Cache read</source>
        <translation>Читання з кешу</translation>
    </message>
    <message>
        <source>Time of one cache read</source>
        <translation>Час одного читання з кешу</translation>
    </message>
    <message>
        <source>Read replicas</source>
        <translation>Репліки для читання</translation>
    </message>
    <message>
        <source>Replicas taking the reads the cache misses</source>
        <translation>Репліки, що обслуговують читання повз кеш</translation>
    </message>
    <message>
        <source>Replica capacity</source>
        <translation>Потужність репліки</translation>
    </message>
    <message>
        <source>Queries per second one replica sustains</source>
        <translation>Запитів за секунду, які витримує одна репліка</translation>
    </message>
    <message>
        <source>Replica pool</source>
        <translation>Пул реплік</translation>
    </message>
    <message>
        <source>Connections each replica accepts</source>
        <translation>З’єднань, які приймає кожна репліка</translation>
    </message>
    <message>
        <source>Replica conns each</source>
        <translation>З’єдн. з репліками на кожен</translation>
    </message>
    <message>
        <source>Replica connections every instance holds</source>
        <translation>З’єднань із репліками, які тримає кожен екземпляр</translation>
    </message>
    <message>
        <source>Traffic curve</source>
        <translation>Крива трафіку</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Базовий рівень</translation>
    </message>
    <message>
        <source>Orders per hour before the event</source>
        <translation>Замовлень за годину до події</translation>
    </message>
    <message>
        <source> /h</source>
        <translation> /год</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Пік</translation>
    </message>
    <message>
        <source>Peak demand as a multiple of the baseline</source>
        <translation>Піковий попит як кратне базового рівня</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>Ramp starts in</source>
        <translation>Наростання починається через</translation>
    </message>
    <message>
        <source>Hours from now until demand starts rising</source>
        <translation>Годин від зараз до початку зростання попиту</translation>
    </message>
    <message>
        <source> h</source>
        <translation> год</translation>
    </message>
    <message>
        <source>Ramp length</source>
        <translation>Тривалість наростання</translation>
    </message>
    <message>
        <source>Hours from baseline to peak (linear)</source>
        <translation>Годин від базового рівня до піку (лінійно)</translation>
    </message>
    <message>
        <source>Peak lasts</source>
        <translation>Пік триває</translation>
    </message>
    <message>
        <source>Hours at the peak</source>
        <translation>Годин на піку</translation>
    </message>
    <message>
        <source>Decay</source>
        <translation>Спад</translation>
    </message>
    <message>
        <source>Time constant of the exponential return to baseline</source>
        <translation>Стала часу експоненційного повернення до базового рівня</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Горизонт</translation>
    </message>
    <message>
        <source>Hours simulated</source>
        <translation>Змодельованих годин</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Мета</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ціль</translation>
    </message>
    <message>
        <source>Orders per hour the fleet must sustain</source>
        <translation>Замовлень за годину, які має витримувати парк</translation>
    </message>
    <message>
        <source>SLO p95</source>
        <translation>SLO p95</translation>
    </message>
    <message>
        <source>Orders slower than this are delayed; p95 must stay below it</source>
        <translation>Замовлення, повільніші за це, вважаються запізнілими; p95 має лишатися нижче</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Simulation seed</source>
        <translation>Зерно моделювання</translation>
    </message>
    <message>
        <source>Seed of the discrete-event simulation</source>
        <translation>Зерно дискретно-подієвого моделювання</translation>
    </message>
    <message>
        <source>No profile: the app stage is exponential with the typed throughput.</source>
        <translation>Профілю немає: етап застосунку експоненційний із введеною пропускною здатністю.</translation>
    </message>
    <message>
        <source>The profile&apos;s stages take %1 s per order on average: %2 orders/h per instance at %3 worker(s).</source>
        <translation>Етапи профілю тривають у середньому %1 с на замовлення: %2 замовлень/год на екземпляр при %3 обробниках.</translation>
    </message>
    <message>
        <source>Not used: the typed throughput applies.</source>
        <translation>Не використовується: діє введена пропускна здатність.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a live endpoint</source>
        <translation>Під’єднання до живого джерела</translation>
    </message>
    <message>
        <source>OpenTelemetry receiver (OTLP/HTTP JSON)</source>
        <translation>Приймач OpenTelemetry (OTLP/HTTP JSON)</translation>
    </message>
    <message>
        <source>JSON Lines stream (HTTP)</source>
        <translation>Потік JSON Lines (HTTP)</translation>
    </message>
    <message>
        <source>Server-Sent Events stream (HTTP)</source>
        <translation>Потік Server-Sent Events (HTTP)</translation>
    </message>
    <message>
        <source>Follow a JSON Lines file</source>
        <translation>Стежити за файлом JSON Lines</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Огляд…</translation>
    </message>
    <message>
        <source>Accept spans from other machines</source>
        <translation>Приймати спани з інших машин</translation>
    </message>
    <message>
        <source>Listen on an address other machines can reach. Anyone who can reach it can send spans; require a token.</source>
        <translation>Слухати на адресі, доступній іншим машинам. Будь-хто з доступом зможе надсилати спани; вимагайте токен.</translation>
    </message>
    <message>
        <source>Read the lines the file already holds</source>
        <translation>Прочитати рядки, які вже є у файлі</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Під’єднатися</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <source>Required token</source>
        <translation>Обов’язковий токен</translation>
    </message>
    <message>
        <source>optional: clients must send Authorization: Bearer &lt;token&gt;</source>
        <translation>необов’язково: клієнти мають надсилати Authorization: Bearer &lt;token&gt;</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Токен Bearer</translation>
    </message>
    <message>
        <source>optional: sent as Authorization: Bearer &lt;token&gt;</source>
        <translation>необов’язково: надсилається як Authorization: Bearer &lt;token&gt;</translation>
    </message>
    <message>
        <source>path of a .jsonl file</source>
        <translation>шлях до файлу .jsonl</translation>
    </message>
    <message>
        <source>Listens for OpenTelemetry spans (GenAI semantic conventions); every execute_tool span becomes a record. Point the workflow&apos;s exporter here:
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://%1/v1/traces
OTEL_EXPORTER_OTLP_PROTOCOL=http/json</source>
        <translation>Приймає спани OpenTelemetry (семантичні конвенції GenAI); кожен спан execute_tool стає записом. Спрямуйте сюди експортер робочого процесу:
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://%1/v1/traces
OTEL_EXPORTER_OTLP_PROTOCOL=http/json</translation>
    </message>
    <message>
        <source>An HTTP endpoint that streams execution records as JSON Lines, one per line. The connection is reopened with growing pauses when it drops.</source>
        <translation>HTTP-джерело, що передає записи виконань як JSON Lines, по одному на рядок. Після обриву з’єднання відновлюється зі зростаючими паузами.</translation>
    </message>
    <message>
        <source>An HTTP endpoint that streams records as Server-Sent Events, one record per event. A reconnection resumes after the last event received.</source>
        <translation>HTTP-джерело, що передає записи як Server-Sent Events, по одному на подію. Після перепід’єднання читання продовжується з останньої отриманої події.</translation>
    </message>
    <message>
        <source>Follows a JSON Lines file as it grows, like tail -F: rotation and truncation are followed, a line is read once it is complete.</source>
        <translation>Стежить за файлом JSON Lines, що зростає, як tail -F: ротація й обрізання відстежуються, рядок читається, коли він завершений.</translation>
    </message>
    <message>
        <source>Follow a file</source>
        <translation>Стежити за файлом</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.log);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.log);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Адреса: %1</translation>
    </message>
    <message>
        <source>%1 can be reached from other machines: tick &quot;Accept spans from other machines&quot; to listen there, or use 127.0.0.1.</source>
        <translation>%1 доступна з інших машин: позначте «Приймати спани з інших машин», щоб слухати там, або використайте 127.0.0.1.</translation>
    </message>
    <message>
        <source>Enter the stream&apos;s URL.</source>
        <translation>Введіть URL потоку.</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation>Введіть URL http:// або https://.</translation>
    </message>
    <message>
        <source>Enter the file to follow.</source>
        <translation>Введіть файл, за яким стежити.</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file.</source>
        <translation>%1 — тека; виберіть файл.</translation>
    </message>
    <message>
        <source>Warning: without a token anyone who can reach this address can send spans.</source>
        <translation>Увага: без токена будь-хто з доступом до цієї адреси може надсилати спани.</translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <source>OTLP receiver</source>
        <translation>Приймач OTLP</translation>
    </message>
    <message>
        <source>JSON Lines stream</source>
        <translation>Потік JSON Lines</translation>
    </message>
    <message>
        <source>SSE stream</source>
        <translation>Потік SSE</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>З’єднання</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>З’єднано</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Повторна спроба</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Зупинено</translation>
    </message>
    <message>
        <source>OTLP %1</source>
        <translation>OTLP %1</translation>
    </message>
    <message>
        <source>NDJSON %1</source>
        <translation>NDJSON %1</translation>
    </message>
    <message>
        <source>SSE %1</source>
        <translation>SSE %1</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>Файл %1</translation>
    </message>
    <message>
        <source>Client connections open now</source>
        <translation>Клієнтські з’єднання, відкриті зараз</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Помилки</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клієнти</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Остання проблема</translation>
    </message>
    <message>
        <source>%1 LLM calls priced into the records&apos; cost; %2 of them use a model the price table does not know and count as $0</source>
        <translation>Викликів LLM, ціну яких включено у вартість записів: %1; з них %2 використовують модель, якої немає в таблиці цін, і рахуються як $0</translation>
    </message>
    <message>
        <source>%1 LLM calls priced into the records&apos; cost</source>
        <translation>Викликів LLM, ціну яких включено у вартість записів: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionsPanel</name>
    <message>
        <source>Connect…</source>
        <translation>Під’єднатися…</translation>
    </message>
    <message>
        <source>Receive OpenTelemetry spans, follow a stream or a file</source>
        <translation>Приймати спани OpenTelemetry, стежити за потоком або файлом</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Перепід’єднатися</translation>
    </message>
    <message>
        <source>Close the selected connection and open it again now</source>
        <translation>Закрити вибране з’єднання і відкрити його знову зараз</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Від’єднатися</translation>
    </message>
    <message>
        <source>Close the selected connection; what it delivered stays</source>
        <translation>Закрити вибране з’єднання; отримане зберігається</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No live connections yet.&lt;/b&gt; Use &lt;b&gt;Connect…&lt;/b&gt; (Ctrl+Shift+O) to&lt;/p&gt;&lt;ul&gt;&lt;li&gt;receive OpenTelemetry traces: point an OTLP/HTTP JSON exporter at &lt;code&gt;http://127.0.0.1:4318/v1/traces&lt;/code&gt;;&lt;/li&gt;&lt;li&gt;follow an NDJSON or Server-Sent Events stream — try &lt;code&gt;apprentice-cli serve-demo --port 8081&lt;/code&gt;;&lt;/li&gt;&lt;li&gt;tail a JSON Lines log file as it grows.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Records from every connection join the same profiles as imports and the demo.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Живих з’єднань ще немає.&lt;/b&gt; Скористайтеся &lt;b&gt;Під’єднатися…&lt;/b&gt; (Ctrl+Shift+O), щоб&lt;/p&gt;&lt;ul&gt;&lt;li&gt;приймати трасування OpenTelemetry: спрямуйте експортер OTLP/HTTP JSON на &lt;code&gt;http://127.0.0.1:4318/v1/traces&lt;/code&gt;;&lt;/li&gt;&lt;li&gt;стежити за потоком NDJSON або Server-Sent Events — спробуйте &lt;code&gt;apprentice-cli serve-demo --port 8081&lt;/code&gt;;&lt;/li&gt;&lt;li&gt;читати файл журналу JSON Lines, що зростає.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Записи з усіх з’єднань потрапляють у ті самі профілі, що й імпорт і демо.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Не вдалося під’єднатися: %1</translation>
    </message>
    <message>
        <source>Could not reconnect: %1</source>
        <translation>Не вдалося перепід’єднатися: %1</translation>
    </message>
</context>
<context>
    <name>DemoControlBar</name>
    <message>
        <source>As fast as possible</source>
        <translation>Якнайшвидше</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Реальний час</translation>
    </message>
    <message>
        <source>×%1 · %2 exec/s</source>
        <translation>×%1 · %2 вик./с</translation>
    </message>
    <message>
        <source>Demo stopped</source>
        <translation>Демо зупинено</translation>
    </message>
    <message>
        <source>Day %1 %2 · %3 executions%4</source>
        <translation>День %1 %2 · %3 виконань%4</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>на паузі</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Демо</translation>
    </message>
    <message>
        <source>Demo:</source>
        <translation>Демо:</translation>
    </message>
    <message>
        <source>A simulated process_customer_order workflow (fetch_data → process → validate → send_results)</source>
        <translation>Змодельований робочий процес process_customer_order (fetch_data → process → validate → send_results)</translation>
    </message>
    <message>
        <source>API slowdown</source>
        <translation>Сповільнення API</translation>
    </message>
    <message>
        <source>The external API behind fetch_data slows from ≈225 ms to ≈890 ms; the output stays the same</source>
        <translation>Зовнішній API за fetch_data сповільнюється з ≈225 мс до ≈890 мс; результат той самий</translation>
    </message>
    <message>
        <source>Validation degradation</source>
        <translation>Деградація валідації</translation>
    </message>
    <message>
        <source>validate&apos;s pass rate falls from ≈100 % to ≈90 %: quality degrades while the tools look healthy</source>
        <translation>Частка успішної валідації у validate падає з ≈100 % до ≈90 %: якість погіршується, хоча інструменти виглядають справними</translation>
    </message>
    <message>
        <source>API outage</source>
        <translation>Збій API</translation>
    </message>
    <message>
        <source>Every fetch_data call fails fast with HTTP 500; executions stop there</source>
        <translation>Кожен виклик fetch_data швидко завершується помилкою HTTP 500; виконання на цьому зупиняються</translation>
    </message>
    <message>
        <source>Slow creep</source>
        <translation>Повільний дрейф</translation>
    </message>
    <message>
        <source>fetch_data gets 1.2 ms slower per simulated day and validation 0.02 % worse</source>
        <translation>fetch_data повільнішає на 1,2 мс за змодельовану добу, а валідація погіршується на 0,02 %</translation>
    </message>
    <message>
        <source>Black Friday</source>
        <translation>Чорна п’ятниця</translation>
    </message>
    <message>
        <source>Ten times the traffic; the loaded system gets mildly slower</source>
        <translation>Удесятеро більше трафіку; навантажена система трохи повільнішає</translation>
    </message>
    <message>
        <source>%1 (%2). Click again to end it.</source>
        <translation>%1 (%2). Натисніть ще раз, щоб завершити.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Норма</translation>
    </message>
    <message>
        <source>End every situation (%1)</source>
        <translation>Завершити всі ситуації (%1)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Pause or resume the simulation (%1)</source>
        <translation>Призупинити або продовжити моделювання (%1)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Почати знову</translation>
    </message>
    <message>
        <source>Start the demo again from an empty session</source>
        <translation>Запустити демо знову з порожнього сеансу</translation>
    </message>
    <message>
        <source>Simulated time per second of wall time; the demo produces 50,000 executions per simulated day</source>
        <translation>Змодельований час за секунду реального; демо дає 50 000 виконань за змодельовану добу</translation>
    </message>
    <message>
        <source>The simulated clock (UTC) and the executions produced so far</source>
        <translation>Змодельований годинник (UTC) і кількість виконань досі</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Нова версія</translation>
    </message>
    <message>
        <source>Version 1.1.0, with a cache in fetch_data, runs in shadow mode on every other execution: it learns its own profile and the Versions page compares it with 1.0.0</source>
        <translation>Версія 1.1.0 з кешем у fetch_data працює в тіньовому режимі на кожному другому виконанні: вона вивчає власний профіль, а сторінка «Версії» порівнює її з 1.0.0</translation>
    </message>
</context>
<context>
    <name>DistributionsPage</name>
    <message>
        <source>Workflow and version</source>
        <translation>Робочий процес і версія</translation>
    </message>
    <message>
        <source>Tool of the workflow</source>
        <translation>Інструмент робочого процесу</translation>
    </message>
    <message>
        <source>Whole history</source>
        <translation>Уся історія</translation>
    </message>
    <message>
        <source>Show the whole history again (double-click the chart or press Home)</source>
        <translation>Знову показати всю історію (подвійне клацання на графіку або Home)</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · double-click: whole history · click a point: show that record in the live stream. The histogram compares the learned profile with the most recent values.</source>
        <translation>Коліщатко: масштаб · перетягування: зсув · подвійне клацання: уся історія · клацання на точці: показати цей запис у живому потоці. Гістограма порівнює вивчений профіль з найсвіжішими значеннями.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No metric selected</source>
        <translation>Метрику не вибрано</translation>
    </message>
    <message>
        <source>No data yet: open a log export or start the demo</source>
        <translation>Даних ще немає: відкрийте експорт журналу або запустіть демо</translation>
    </message>
    <message>
        <source>No values of this metric yet</source>
        <translation>Значень цієї метрики ще немає</translation>
    </message>
    <message>
        <source>%1 values kept · %2 in view · %3 drawn · refreshed in %4</source>
        <translation>збережено %1 значень · у вікні %2 · намальовано %3 · оновлено за %4</translation>
    </message>
</context>
<context>
    <name>DriftPage</name>
    <message>
        <source>%1 %2 accepted as the new normal; its profile was rebased</source>
        <translation>%1 %2 прийнято як нову норму; профіль перебудовано</translation>
    </message>
    <message>
        <source>%1 %2 dismissed as a false alarm</source>
        <translation>%1 %2 відхилено як хибну тривогу</translation>
    </message>
    <message>
        <source>%1 %2 marked for evolution</source>
        <translation>%1 %2 позначено для еволюції</translation>
    </message>
    <message>
        <source>Could not apply the decision: %1</source>
        <translation>Не вдалося застосувати рішення: %1</translation>
    </message>
    <message>
        <source>Drifts</source>
        <translation>Дрейфи</translation>
    </message>
    <message>
        <source>Sustained changes of a metric; each opens an investigation</source>
        <translation>Стійкі зміни метрики; кожна відкриває розслідування</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Збої</translation>
    </message>
    <message>
        <source>Calls that returned an error</source>
        <translation>Виклики, що повернули помилку</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Аномалії</translation>
    </message>
    <message>
        <source>Isolated out-of-profile values; informational, they engage nothing</source>
        <translation>Поодинокі значення поза профілем; лише для відома, нічого не запускають</translation>
    </message>
    <message>
        <source>Phase changes</source>
        <translation>Зміни фаз</translation>
    </message>
    <message>
        <source>Graduations, phase transitions and operator decisions (the audit trail)</source>
        <translation>Випуски, переходи між фазами та рішення операторів (журнал аудиту)</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>Чекають на мене</translation>
    </message>
    <message>
        <source>Only events whose diagnosis asks for an operator</source>
        <translation>Лише події, діагноз яких потребує оператора</translation>
    </message>
    <message>
        <source>Search tool, metric, diagnosis…</source>
        <translation>Пошук інструмента, метрики, діагнозу…</translation>
    </message>
    <message>
        <source>Accept as new normal</source>
        <translation>Прийняти як нову норму</translation>
    </message>
    <message>
        <source>The change is real and fine: rebase the profile on the recent values (recorded with your name; %1)</source>
        <translation>Зміна справжня і прийнятна: перебудувати профіль на свіжих значеннях (записується з вашим ім’ям; %1)</translation>
    </message>
    <message>
        <source>Dismiss as false alarm</source>
        <translation>Відхилити як хибну тривогу</translation>
    </message>
    <message>
        <source>Nothing changed: reset the detector and keep the profile (recorded; %1)</source>
        <translation>Нічого не змінилося: скинути детектор і зберегти профіль (записується; %1)</translation>
    </message>
    <message>
        <source>Mark for evolution</source>
        <translation>Позначити для еволюції</translation>
    </message>
    <message>
        <source>The change is real and unwanted: record that the workflow must be evolved (%1)</source>
        <translation>Зміна справжня і небажана: записати, що робочий процес треба розвинути (%1)</translation>
    </message>
    <message>
        <source>Show record</source>
        <translation>Показати запис</translation>
    </message>
    <message>
        <source>Show the record that triggered the event in the live stream</source>
        <translation>Показати в живому потоці запис, що спричинив подію</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>Розслідування</translation>
    </message>
    <message>
        <source>Select an event to see its evidence, diagnosis and the decisions you can take.</source>
        <translation>Виберіть подію, щоб побачити її докази, діагноз і рішення, які ви можете ухвалити.</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>показано %1</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for an operator</source>
        <translation>
            <numerusform>%n чекає на оператора</numerusform>
            <numerusform>%n чекають на оператора</numerusform>
            <numerusform>%n чекають на оператора</numerusform>
        </translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Випущено</translation>
    </message>
    <message>
        <source>Phase change</source>
        <translation>Зміна фази</translation>
    </message>
    <message>
        <source>%1 · %2 %3</source>
        <translation>%1 · %2 %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, рядок %2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>рядок %1</translation>
    </message>
    <message>
        <source>status error</source>
        <translation>статус error</translation>
    </message>
    <message>
        <source>The call failed: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Виклик завершився помилкою: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 of the last %2 calls failed; %3 in a row</source>
        <translation>збоїв %1 з останніх %2 викликів; %3 поспіль</translation>
    </message>
    <message>
        <source>Graduated after %1 executions of apprenticeship</source>
        <translation>Випущено після %1 виконань учнівства</translation>
    </message>
    <message>
        <source>Value &lt;b&gt;%1&lt;/b&gt; against expected &lt;b&gt;%2&lt;/b&gt; (profile median)</source>
        <translation>Значення &lt;b&gt;%1&lt;/b&gt; проти очікуваного &lt;b&gt;%2&lt;/b&gt; (медіана профілю)</translation>
    </message>
    <message>
        <source>Profile: mean %1 ± %2, p95 %3, p99 %4, from %5 values</source>
        <translation>Профіль: середнє %1 ± %2, p95 %3, p99 %4, з %5 значень</translation>
    </message>
    <message>
        <source>Detector statistic %1, direction %2</source>
        <translation>Статистика детектора %1, напрям %2</translation>
    </message>
    <message>
        <source>up</source>
        <translation>угору</translation>
    </message>
    <message>
        <source>down</source>
        <translation>униз</translation>
    </message>
    <message>
        <source>Drift score %1 (an isolated value: no investigation)</source>
        <translation>Оцінка дрейфу %1 (поодиноке значення: без розслідування)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt; → &lt;b&gt;%3&lt;/b&gt; · confidence %4 · tier %5 · %6</source>
        <translation>&lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt; → &lt;b&gt;%3&lt;/b&gt; · впевненість %4 · рівень %5 · %6</translation>
    </message>
    <message>
        <source>&lt;i&gt;Being investigated…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Триває розслідування…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>An isolated value outside the profile. Anomalies are shown for context; a drift needs a sustained change.</source>
        <translation>Поодиноке значення поза профілем. Аномалії показано для контексту; дрейф вимагає стійкої зміни.</translation>
    </message>
    <message>
        <source>Decision: &lt;b&gt;%1&lt;/b&gt;%2</source>
        <translation>Рішення: &lt;b&gt;%1&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Cannot re-run with %1: no such tier is configured (Settings → Investigation)</source>
        <translation>Неможливо повторити з %1: такого рівня не налаштовано (Налаштування → Розслідування)</translation>
    </message>
    <message>
        <source>Cannot re-run: this investigation is no longer kept</source>
        <translation>Неможливо повторити: це розслідування вже не зберігається</translation>
    </message>
    <message>
        <source>Cannot re-run with %1 yet: this drift is still being investigated</source>
        <translation>Поки неможливо повторити з %1: цей дрейф ще розслідується</translation>
    </message>
</context>
<context>
    <name>EconomicsPage</name>
    <message>
        <source>Spent on monitoring</source>
        <translation>Витрачено на моніторинг</translation>
    </message>
    <message>
        <source>Apprenticeship reviews plus investigations; graduated executions cost $0</source>
        <translation>Перевірки учнівства плюс розслідування; виконання випущених процесів коштують $0</translation>
    </message>
    <message>
        <source>Always-on would have cost</source>
        <translation>Постійний моніторинг коштував би</translation>
    </message>
    <message>
        <source>AI monitoring of every execution at the always-on price (the counterfactual)</source>
        <translation>ШІ-моніторинг кожного виконання за ціною постійного моніторингу (контрфактичний сценарій)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Заощаджено</translation>
    </message>
    <message>
        <source>Always-on minus spent</source>
        <translation>Постійний мінус витрачене</translation>
    </message>
    <message>
        <source>Per execution</source>
        <translation>За виконання</translation>
    </message>
    <message>
        <source>Average monitoring cost of one execution, against always-on</source>
        <translation>Середня вартість моніторингу одного виконання проти постійного</translation>
    </message>
    <message>
        <source>Always-on AI monitoring</source>
        <translation>Постійний ШІ-моніторинг</translation>
    </message>
    <message>
        <source>Spent (apprenticeship + investigations)</source>
        <translation>Витрачено (учнівство + розслідування)</translation>
    </message>
    <message>
        <source>of which apprenticeship</source>
        <translation>з них учнівство</translation>
    </message>
    <message>
        <source>of which investigations</source>
        <translation>з них розслідування</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Заощадження</translation>
    </message>
    <message>
        <source>Cumulative monitoring cost</source>
        <translation>Накопичена вартість моніторингу</translation>
    </message>
    <message>
        <source>US dollars</source>
        <translation>Долари США</translation>
    </message>
    <message>
        <source>Per workflow</source>
        <translation>За робочими процесами</translation>
    </message>
    <message>
        <source>Ledger per hour</source>
        <translation>Облік по годинах</translation>
    </message>
    <message>
        <source>apprenticeship %1 · investigations %2</source>
        <translation>учнівство %1 · розслідування %2</translation>
    </message>
    <message>
        <source>%1 executions</source>
        <translation>%1 виконань</translation>
    </message>
    <message>
        <source>%1 of the always-on cost</source>
        <translation>%1 вартості постійного моніторингу</translation>
    </message>
    <message>
        <source>always-on %1</source>
        <translation>постійний %1</translation>
    </message>
</context>
<context>
    <name>EngineWorker</name>
    <message>
        <source>continuing after line %1 (imported %2)</source>
        <translation>продовжено після рядка %1 (імпортовано %2)</translation>
    </message>
    <message>
        <source>already imported up to line %1 on %2: nothing new</source>
        <translation>вже імпортовано до рядка %1 (%2): нового немає</translation>
    </message>
    <message>
        <source>not the file imported on %1 (rotated, rewritten or truncated): read from the start</source>
        <translation>не той файл, що імпортовано %1 (ротація, перезапис чи обрізання): прочитано з початку</translation>
    </message>
    <message>
        <source>given more than once: read once</source>
        <translation>вказано кілька разів: прочитано один раз</translation>
    </message>
    <message>
        <source>continuing after line %1 (imported %2 as %3)</source>
        <translation>продовжено після рядка %1 (імпортовано %2 як %3)</translation>
    </message>
    <message>
        <source>already imported up to line %1 on %2 as %3: nothing new</source>
        <translation>вже імпортовано до рядка %1 (%2) як %3: нового немає</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>Drift</source>
        <translation>Дрейф</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Збій</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Фаза</translation>
    </message>
    <message>
        <source>Investigating…</source>
        <translation>Розслідується…</translation>
    </message>
    <message>
        <source>Applied automatically</source>
        <translation>Застосовано автоматично</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>Чекає на оператора</translation>
    </message>
    <message>
        <source>Accepted as new normal</source>
        <translation>Прийнято як нову норму</translation>
    </message>
    <message>
        <source>Dismissed as false alarm</source>
        <translation>Відхилено як хибну тривогу</translation>
    </message>
    <message>
        <source>Marked for evolution</source>
        <translation>Позначено для еволюції</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>збій</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 в. п.</translation>
    </message>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Випущено</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
    <message>
        <source>after %1 executions</source>
        <translation>після %1 виконань</translation>
    </message>
    <message>
        <source>error</source>
        <translation>помилка</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>успішно</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The value that triggered the event</source>
        <translation>Значення, що спричинило подію</translation>
    </message>
    <message>
        <source>The profile&apos;s median for this metric</source>
        <translation>Медіана профілю для цієї метрики</translation>
    </message>
    <message>
        <source>%1
Tier: %2, cost %3</source>
        <translation>%1
Рівень: %2, вартість %3</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Час (UTC)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Інструмент</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Метрика</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значення</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Очікувано</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Діагноз</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <source>Drift: a sustained change (opens an investigation). Failure: a call returned an error. Anomaly: one isolated out-of-profile value (informational).</source>
        <translation>Дрейф: стійка зміна (відкриває розслідування). Збій: виклик повернув помилку. Аномалія: одне поодиноке значення поза профілем (для відома).</translation>
    </message>
    <message>
        <source>Value against expected: relative change, or percentage points for rates</source>
        <translation>Значення проти очікуваного: відносна зміна, або відсоткові пункти для часток</translation>
    </message>
    <message>
        <source>What the investigation concluded, with its confidence (0–1)</source>
        <translation>Висновок розслідування і його впевненість (0–1)</translation>
    </message>
    <message>
        <source>The action the diagnosis recommends</source>
        <translation>Дія, яку рекомендує діагноз</translation>
    </message>
    <message>
        <source>What happened: applied automatically, waiting for an operator, or the operator&apos;s decision</source>
        <translation>Що сталося: застосовано автоматично, чекає на оператора або рішення оператора</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>EvidenceChart</name>
    <message>
        <source>Profile mean ± 3σ</source>
        <translation>Середнє профілю ± 3σ</translation>
    </message>
    <message>
        <source>Median %1</source>
        <translation>Медіана %1</translation>
    </message>
    <message>
        <source>p99 %1</source>
        <translation>p99 %1</translation>
    </message>
    <message>
        <source>Detected here</source>
        <translation>Виявлено тут</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Calls of this tool, relative to the one that triggered the event</source>
        <translation>Виклики цього інструмента відносно того, що спричинив подію</translation>
    </message>
    <message>
        <source>Last calls of this tool before the event</source>
        <translation>Останні виклики цього інструмента перед подією</translation>
    </message>
</context>
<context>
    <name>EvolutionPages</name>
    <message>
        <source>The mutation ledger is not kept: %1</source>
        <translation>Реєстр мутацій не зберігається: %1</translation>
    </message>
    <message>
        <source>Mutation #%1 (%2) proposed for %3 in the ledger</source>
        <translation>Мутацію №%1 (%2) для %3 запропоновано в реєстрі</translation>
    </message>
    <message>
        <source>Trend warning: %1</source>
        <translation>Попередження про тренд: %1</translation>
    </message>
    <message>
        <source>The mutation ledger could not be saved: %1</source>
        <translation>Не вдалося зберегти реєстр мутацій: %1</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 G</source>
        <translation>%1 млрд</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 млн</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 тис.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 год</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 хв</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 ГБ</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 КБ</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 Б</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message>
        <source>error</source>
        <translation>помилка</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>успішно</translation>
    </message>
    <message>
        <source>under 1 ms</source>
        <translation>менш ніж 1 мс</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <source>┆ p50</source>
        <translation>┆ p50</translation>
    </message>
    <message>
        <source>┆ p95</source>
        <translation>┆ p95</translation>
    </message>
    <message>
        <source>┆ p99</source>
        <translation>┆ p99</translation>
    </message>
    <message>
        <source>Profile %1</source>
        <translation>Профіль %1</translation>
    </message>
    <message>
        <source>Quantiles of the learned profile: half of the values are below p50, 95 % below p95, 99 % below p99</source>
        <translation>Квантилі вивченого профілю: половина значень нижча за p50, 95 % — за p95, 99 % — за p99</translation>
    </message>
    <message>
        <source>p1–p99</source>
        <translation>p1–p99</translation>
    </message>
    <message>
        <source>Profile (n = %1)</source>
        <translation>Профіль (n = %1)</translation>
    </message>
    <message>
        <source>Recent (n = %1)</source>
        <translation>Останні (n = %1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Share of values</source>
        <translation>Частка значень</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDock</name>
    <message>
        <source>finished</source>
        <translation>завершено</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>скасовано</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>збій: %1</translation>
    </message>
    <message>
        <source>— %1: %2 records, %3 rejected lines, %4 (%5)</source>
        <translation>— %1: записів %2, відхилено рядків %3, %4 (%5)</translation>
    </message>
    <message>
        <source>… and %1 more rejected lines</source>
        <translation>… і ще %1 відхилених рядків</translation>
    </message>
    <message>
        <source>Import log</source>
        <translation>Журнал імпорту</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистити</translation>
    </message>
    <message>
        <source>%1 lines were rejected. The import went on with the next line each time; the first lines of each import are listed with file, line and reason.</source>
        <translation>Відхилено рядків: %1. Щоразу імпорт продовжувався з наступного рядка; перші рядки кожного імпорту наведено з файлом, номером рядка і причиною.</translation>
    </message>
    <message>
        <source>No rejected lines.</source>
        <translation>Відхилених рядків немає.</translation>
    </message>
</context>
<context>
    <name>ImportStatusWidget</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Importing %1 (%2 of %3)</source>
        <translation>Імпорт %1 (%2 з %3)</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Імпорт %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Stop the import; what was read so far is kept</source>
        <translation>Зупинити імпорт; уже прочитане зберігається</translation>
    </message>
</context>
<context>
    <name>InvestigationView</name>
    <message>
        <source>Rebase profile</source>
        <translation>Перебудувати профіль</translation>
    </message>
    <message>
        <source>Accept the new behaviour as normal and relearn the profile from recent executions</source>
        <translation>Прийняти нову поведінку як норму і перевивчити профіль на свіжих виконаннях</translation>
    </message>
    <message>
        <source>Record evolution proposal</source>
        <translation>Записати пропозицію еволюції</translation>
    </message>
    <message>
        <source>Record the proposed workflow change for review</source>
        <translation>Записати запропоновану зміну процесу для перегляду</translation>
    </message>
    <message>
        <source>Record recovery</source>
        <translation>Записати відновлення</translation>
    </message>
    <message>
        <source>Record a recovery action (retry, circuit breaker, fallback) for this tool</source>
        <translation>Записати дію відновлення (повтор, запобіжник, резервний варіант) для цього інструмента</translation>
    </message>
    <message>
        <source>Tier to ask again</source>
        <translation>Рівень для повторного запиту</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Повторити</translation>
    </message>
    <message>
        <source>Investigate again with only the chosen tier</source>
        <translation>Розслідувати знову лише вибраним рівнем</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Експортувати Markdown…</translation>
    </message>
    <message>
        <source>Re-run with</source>
        <translation>Повторити з</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Рівень</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Відповідь</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Впевненість</translation>
    </message>
    <message>
        <source>Tokens in/out</source>
        <translation>Токени вх./вих.</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Вартість</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Затримка</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запит</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Відповідь сервера</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Investigating…</source>
        <translation>Розслідування триває…</translation>
    </message>
    <message>
        <source>%1 (repair)</source>
        <translation>%1 (виправлення)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>This answer was accepted</source>
        <translation>Цю відповідь прийнято</translation>
    </message>
    <message>
        <source>No investigation selected</source>
        <translation>Розслідування не вибрано</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Збій</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Дрейф</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <source>Apprentice review</source>
        <translation>Перевірка учня</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 у %2</translation>
    </message>
    <message>
        <source>%1 in %2 · %3</source>
        <translation>%1 у %2 · %3</translation>
    </message>
    <message>
        <source>Workflow %1 %2</source>
        <translation>Робочий процес %1 %2</translation>
    </message>
    <message>
        <source> · %1 consecutive failures · %2</source>
        <translation> · збоїв поспіль: %1 · %2</translation>
    </message>
    <message>
        <source> · value %1 (%2) against p50 %3 / p95 %4 / p99 %5, mean %6 ± %7 over %8 runs</source>
        <translation> · значення %1 (%2) проти p50 %3 / p95 %4 / p99 %5, середнє %6 ± %7 за %8 запусків</translation>
    </message>
    <message>
        <source>up</source>
        <translation>угору</translation>
    </message>
    <message>
        <source>down</source>
        <translation>униз</translation>
    </message>
    <message>
        <source> · trend %1</source>
        <translation> · тренд %1</translation>
    </message>
    <message>
        <source>%1 · confidence %2</source>
        <translation>%1 · впевненість %2</translation>
    </message>
    <message>
        <source>accepted from %1</source>
        <translation>прийнято від %1</translation>
    </message>
    <message>
        <source>fallback to %1 (last tier failed)</source>
        <translation>резервно від %1 (останній рівень не відповів)</translation>
    </message>
    <message>
        <source>no tier answered</source>
        <translation>жоден рівень не відповів</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>скасовано</translation>
    </message>
    <message>
        <source>%1 · %2 calls · %3 · %4 ms</source>
        <translation>%1 · викликів %2 · %3 · %4 мс</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposed:&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt; — %2</source>
        <translation>&lt;b&gt;Пропозиція:&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt; — %2</translation>
    </message>
    <message>
        <source> &lt;i&gt;(expected: %1)&lt;/i&gt;</source>
        <translation> &lt;i&gt;(очікувано: %1)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No verdict yet</source>
        <translation>Вердикту ще немає</translation>
    </message>
    <message>
        <source>Recommended by the investigation</source>
        <translation>Рекомендовано розслідуванням</translation>
    </message>
    <message>
        <source>No automatic action: a person should look at this</source>
        <translation>Без автоматичної дії: на це має подивитися людина</translation>
    </message>
    <message>
        <source>Recommended: ignore</source>
        <translation>Рекомендовано: ігнорувати</translation>
    </message>
    <message>
        <source>HTTP %1 after %2 attempt(s) · %3 ms · %4 in / %5 out tokens · %6
</source>
        <translation>HTTP %1 після спроб: %2 · %3 мс · токенів %4 вх. / %5 вих. · %6
</translation>
    </message>
    <message>
        <source>retried: %1
</source>
        <translation>повтор: %1
</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Помилка: %1</translation>
    </message>
    <message>
        <source>%1 → %2, confidence %3%4</source>
        <translation>%1 → %2, впевненість %3%4</translation>
    </message>
    <message>
        <source> (accepted)</source>
        <translation> (прийнято)</translation>
    </message>
    <message>
        <source>Root cause: %1
</source>
        <translation>Першопричина: %1
</translation>
    </message>
    <message>
        <source>Proposed mutation: %1 — %2 (%3)
</source>
        <translation>Запропонована мутація: %1 — %2 (%3)
</translation>
    </message>
    <message>
        <source>(no HTTP response)</source>
        <translation>(немає відповіді HTTP)</translation>
    </message>
    <message>
        <source>Export investigation</source>
        <translation>Експорт розслідування</translation>
    </message>
    <message>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не вдалося записати %1: %2</translation>
    </message>
    <message>
        <source>%1 · re-run %2</source>
        <translation>%1 · повтор %2</translation>
    </message>
    <message>
        <source>Asked again with only this tier (re-run %1)</source>
        <translation>Запитано знову лише цим рівнем (повтор %1)</translation>
    </message>
    <message>
        <source>Re-run with %1 failed: %2. The earlier verdict stands.</source>
        <translation>Повтор з %1 не вдався: %2. Попередній вердикт залишається.</translation>
    </message>
    <message>
        <source>Re-run with %1 failed: %2</source>
        <translation>Повтор з %1 не вдався: %2</translation>
    </message>
    <message>
        <source>Tier %1 · %2 %3 · attempt %4</source>
        <translation>Рівень %1 · %2 %3 · спроба %4</translation>
    </message>
    <message>
        <source> · re-run %1</source>
        <translation> · повтор %1</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Hour (UTC)</source>
        <translation>Година (UTC)</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Виконання</translation>
    </message>
    <message>
        <source>Apprenticeship</source>
        <translation>Учнівство</translation>
    </message>
    <message>
        <source>Investigations</source>
        <translation>Розслідування</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Витрачено</translation>
    </message>
    <message>
        <source>Always-on</source>
        <translation>Постійний</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Заощадження</translation>
    </message>
    <message>
        <source>Reviews of apprentice executions (every execution while learning)</source>
        <translation>Перевірки виконань учня (кожне виконання під час навчання)</translation>
    </message>
    <message>
        <source>Diagnoses of drifts and failures</source>
        <translation>Діагностика дрейфів і збоїв</translation>
    </message>
    <message>
        <source>Apprenticeship plus investigations; graduated executions cost $0</source>
        <translation>Учнівство плюс розслідування; виконання випущених процесів коштують $0</translation>
    </message>
    <message>
        <source>What AI monitoring of every execution would have cost</source>
        <translation>Скільки коштував би ШІ-моніторинг кожного виконання</translation>
    </message>
    <message>
        <source>Always-on minus spent</source>
        <translation>Постійний мінус витрачене</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workflows</source>
        <translation>Робочі процеси</translation>
    </message>
    <message>
        <source>Live stream</source>
        <translation>Живий потік</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>Розподіли</translation>
    </message>
    <message>
        <source>Drift events</source>
        <translation>Події дрейфу</translation>
    </message>
    <message>
        <source>Economics</source>
        <translation>Економіка</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Тренди</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Потужність</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>З’єднання</translation>
    </message>
    <message>
        <source>That record is no longer in the stream (it keeps the newest %1)</source>
        <translation>Цього запису вже немає в потоці (він зберігає найновіші %1)</translation>
    </message>
    <message>
        <source>%1 %2 graduated after %3 executions: monitoring it is free from now on</source>
        <translation>%1 %2 випущено після %3 виконань: відтепер моніторинг безкоштовний</translation>
    </message>
    <message>
        <source>Failure: %1 returned an error — see Drift events (Ctrl+4)</source>
        <translation>Збій: %1 повернув помилку — див. «Події дрейфу» (Ctrl+4)</translation>
    </message>
    <message>
        <source>Drift: %1 %2 at %3 against %4 expected — see Drift events (Ctrl+4)</source>
        <translation>Дрейф: %1 %2 — %3 проти очікуваних %4 — див. «Події дрейфу» (Ctrl+4)</translation>
    </message>
    <message>
        <source>%1 %2 diagnosed by %3: %4 (confidence %5)</source>
        <translation>%1 %2 діагностовано (%3): %4 (впевненість %5)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>About Apprentice</source>
        <translation>Про Apprentice</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Apprentice %1&lt;/h3&gt;&lt;p&gt;An operations console for AI workflows. New workflow versions run under full monitoring while their quality profile is learned, graduate to free statistical monitoring once it is proven, and are investigated again only when they drift.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Apprentice %1&lt;/h3&gt;&lt;p&gt;Операційна консоль для ШІ-процесів. Нові версії робочих процесів працюють під повним моніторингом, поки вивчається їхній профіль якості, після підтвердження профілю переходять на безкоштовний статистичний моніторинг і розслідуються знову лише тоді, коли дрейфують.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Apprentice — operations console</source>
        <translation>Apprentice — операційна консоль</translation>
    </message>
    <message>
        <source>&amp;Open log export…</source>
        <translation>&amp;Відкрити експорт журналу…</translation>
    </message>
    <message>
        <source>Import JSON Lines, gzip, CSV or OTLP/JSON exports (%1)</source>
        <translation>Імпортувати експорт JSON Lines, gzip, CSV або OTLP/JSON (%1)</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>&amp;Новий сеанс</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Експортувати звіт…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Ви&amp;йти</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>С&amp;кинути розташування</translation>
    </message>
    <message>
        <source>Clear recent files</source>
        <translation>Очистити список недавніх файлів</translation>
    </message>
    <message>
        <source>&amp;About Apprentice</source>
        <translation>&amp;Про Apprentice</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Відкрити &amp;недавній</translation>
    </message>
    <message>
        <source>Start &amp;demo</source>
        <translation>Запустити &amp;демо</translation>
    </message>
    <message>
        <source>Normal operation</source>
        <translation>Звичайна робота</translation>
    </message>
    <message>
        <source>API slowdown after 300 executions</source>
        <translation>Сповільнення API після 300 виконань</translation>
    </message>
    <message>
        <source>Validation degradation after 300 executions</source>
        <translation>Деградація валідації після 300 виконань</translation>
    </message>
    <message>
        <source>API outage after 300 executions</source>
        <translation>Збій API після 300 виконань</translation>
    </message>
    <message>
        <source>Slow creep after 300 executions</source>
        <translation>Повільний дрейф після 300 виконань</translation>
    </message>
    <message>
        <source>Black Friday after 300 executions</source>
        <translation>Чорна п’ятниця після 300 виконань</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Інструменти</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <source>Records (tool calls) ingested in this session</source>
        <translation>Записи (виклики інструментів), прийняті в цьому сеансі</translation>
    </message>
    <message>
        <source>Records ingested per second (wall clock)</source>
        <translation>Записів за секунду (реальний час)</translation>
    </message>
    <message>
        <source>Workflow versions per phase: apprentice / graduated / investigating</source>
        <translation>Версії робочих процесів за фазами: учень / випущено / розслідування</translation>
    </message>
    <message>
        <source>Monitoring spend so far, and what always-on AI monitoring would have cost</source>
        <translation>Витрати на моніторинг досі і скільки коштував би постійний ШІ-моніторинг</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 записів</translation>
    </message>
    <message>
        <source>%1 apprentice · %2 graduated · %3 investigating</source>
        <translation>учнів %1 · випущено %2 · розслідується %3</translation>
    </message>
    <message>
        <source>Spent %1 (always-on %2)</source>
        <translation>Витрачено %1 (постійний %2)</translation>
    </message>
    <message>
        <source>Open log export</source>
        <translation>Відкрити експорт журналу</translation>
    </message>
    <message>
        <source>Log exports (*.jsonl *.jsonl.gz *.ndjson *.csv *.json *.gz)</source>
        <translation>Експорти журналів (*.jsonl *.jsonl.gz *.ndjson *.csv *.json *.gz)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.jsonl.gz *.ndjson)</source>
        <translation>JSON Lines (*.jsonl *.jsonl.gz *.ndjson)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>OTLP/JSON traces (*.json)</source>
        <translation>Трасування OTLP/JSON (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Експорт звіту</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>Звіт HTML (*.html)</translation>
    </message>
    <message>
        <source>Markdown report (*.md)</source>
        <translation>Звіт Markdown (*.md)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не вдається записати %1: %2</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Звіт записано до %1</translation>
    </message>
    <message>
        <source>Imported %1 records in %2</source>
        <translation>Імпортовано %1 записів за %2</translation>
    </message>
    <message>
        <source>Import cancelled after %1 records; they are kept</source>
        <translation>Імпорт скасовано після %1 записів; їх збережено</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Імпорт не вдався: %1</translation>
    </message>
    <message>
        <source>%1 lines rejected — see View → Import log</source>
        <translation>відхилено рядків: %1 — див. Вигляд → Журнал імпорту</translation>
    </message>
    <message>
        <source>%1 (new: %2)</source>
        <translation>%1 (нові: %2)</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Під’єднатися…</translation>
    </message>
    <message>
        <source>Receive OTLP traces, follow an NDJSON or SSE stream, or tail a growing log file</source>
        <translation>Приймати трасування OTLP, стежити за потоком NDJSON чи SSE або читати журнал, що зростає</translation>
    </message>
    <message>
        <source>Mutations</source>
        <translation>Мутації</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версії</translation>
    </message>
    <message>
        <source>New version in shadow after 300 executions</source>
        <translation>Нова версія в тіньовому режимі після 300 виконань</translation>
    </message>
    <message>
        <source>Profiles are not kept: %1</source>
        <translation>Профілі не зберігаються: %1</translation>
    </message>
    <message>
        <source>Start an empty session; the next file or live source continues from the kept profiles</source>
        <translation>Почати порожній сеанс; наступний файл чи живе джерело продовжить зі збережених профілів</translation>
    </message>
    <message numerus="yes">
        <source>%n more in View → Import log</source>
        <translation>
            <numerusform>ще %n — див. Вигляд → Журнал імпорту</numerusform>
            <numerusform>ще %n — див. Вигляд → Журнал імпорту</numerusform>
            <numerusform>ще %n — див. Вигляд → Журнал імпорту</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricInfo</name>
    <message>
        <source>Latency</source>
        <translation>Затримка</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>Розмір результату</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Пам’ять</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>ЦП</translation>
    </message>
    <message>
        <source>Validation pass rate</source>
        <translation>Частка успішної валідації</translation>
    </message>
    <message>
        <source>Direct cost</source>
        <translation>Пряма вартість</translation>
    </message>
    <message>
        <source>Status (failures)</source>
        <translation>Статус (збої)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>байти</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Wall time of one tool call, in milliseconds (latency_ms). A sustained shift means the tool or something it depends on got slower or faster.</source>
        <translation>Тривалість одного виклику інструмента в мілісекундах (latency_ms). Стійкий зсув означає, що інструмент або те, від чого він залежить, став повільнішим чи швидшим.</translation>
    </message>
    <message>
        <source>Size of the tool&apos;s result in bytes (output_bytes). A change often means the input or an upstream API changed shape.</source>
        <translation>Розмір результату інструмента в байтах (output_bytes). Зміна часто означає, що змінилися вхідні дані або формат відповіді зовнішнього API.</translation>
    </message>
    <message>
        <source>Memory the call used, in megabytes (memory_mb).</source>
        <translation>Пам’ять, використана викликом, у мегабайтах (memory_mb).</translation>
    </message>
    <message>
        <source>CPU use of the call, in percent (cpu_pct).</source>
        <translation>Завантаження ЦП викликом у відсотках (cpu_pct).</translation>
    </message>
    <message>
        <source>Share of the output that passed validation, 0–100 % (validation_pass). A falling rate is quality degradation even when the tool looks healthy.</source>
        <translation>Частка результату, що пройшла валідацію, 0–100 % (validation_pass). Падіння частки — це деградація якості, навіть коли інструмент виглядає справним.</translation>
    </message>
    <message>
        <source>Direct cost of the call in US dollars (cost_usd), not the cost of monitoring it.</source>
        <translation>Пряма вартість виклику в доларах США (cost_usd), а не вартість його моніторингу.</translation>
    </message>
    <message>
        <source>Calls that returned status error. A failure always opens an investigation.</source>
        <translation>Виклики, що повернули статус error. Збій завжди відкриває розслідування.</translation>
    </message>
    <message>
        <source>Custom metric from the record&apos;s metrics object; profiled like the built-in ones.</source>
        <translation>Власна метрика з об’єкта metrics запису; профілюється так само, як вбудовані.</translation>
    </message>
    <message>
        <source>Number of values.</source>
        <translation>Кількість значень.</translation>
    </message>
    <message>
        <source>Arithmetic mean.</source>
        <translation>Середнє арифметичне.</translation>
    </message>
    <message>
        <source>Standard deviation: the typical distance of a value from the mean.</source>
        <translation>Стандартне відхилення: типова відстань значення від середнього.</translation>
    </message>
    <message>
        <source>Median: half of the values are below it.</source>
        <translation>Медіана: половина значень нижча за неї.</translation>
    </message>
    <message>
        <source>95th percentile: 95 % of the values are below it.</source>
        <translation>95-й процентиль: 95 % значень нижчі за нього.</translation>
    </message>
    <message>
        <source>99th percentile: 99 % of the values are below it; the tail.</source>
        <translation>99-й процентиль: 99 % значень нижчі за нього; «хвіст».</translation>
    </message>
    <message>
        <source>Drift score (0–1) from the seed article: 1/(1+e^(3−|z|)) where z is the distance from the profile mean in standard deviations. Above 0.5 the value is more than 3σ away.</source>
        <translation>Оцінка дрейфу (0–1) з вихідної статті: 1/(1+e^(3−|z|)), де z — відстань від середнього профілю в стандартних відхиленнях. Понад 0,5 значення далі ніж на 3σ.</translation>
    </message>
    <message>
        <source>Shift of the current window&apos;s mean from the profile mean, in profile standard deviations.</source>
        <translation>Зсув середнього поточного вікна від середнього профілю, у стандартних відхиленнях профілю.</translation>
    </message>
</context>
<context>
    <name>MetricStatsModel</name>
    <message>
        <source>Current window</source>
        <translation>Поточне вікно</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профіль</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 в. п.</translation>
    </message>
    <message>
        <source>%1σ</source>
        <translation>%1σ</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Метрика</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>Чого</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Середнє</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>Ст. відх.</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Зсув</translation>
    </message>
    <message>
        <source>Profile: everything learned for the metric. Current window: its most recent values.</source>
        <translation>Профіль: усе вивчене для метрики. Поточне вікно: її найсвіжіші значення.</translation>
    </message>
</context>
<context>
    <name>MutationsPage</name>
    <message>
        <source>proposed</source>
        <translation>запропоновано</translation>
    </message>
    <message>
        <source>shadow</source>
        <translation>тіньовий режим</translation>
    </message>
    <message>
        <source>promoted</source>
        <translation>підвищено</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>відкочено</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>відхилено</translation>
    </message>
    <message>
        <source>Mutation ledger</source>
        <translation>Журнал мутацій</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Інструмент</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Кандидат</translation>
    </message>
    <message>
        <source>Avoidance rule</source>
        <translation>Правило уникнення</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Оновлено</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>ваше ім’я</translation>
    </message>
    <message>
        <source>why (kept in the audit trail)</source>
        <translation>чому (зберігається в журналі аудиту)</translation>
    </message>
    <message>
        <source>e.g. 1.1.0</source>
        <translation>напр. 1.1.0</translation>
    </message>
    <message>
        <source>for a rollback: what it broke (becomes an avoidance rule)</source>
        <translation>для відкату: що саме зламалося (стає правилом уникнення)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Candidate version</source>
        <translation>Версія-кандидат</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>What it broke</source>
        <translation>Що зламалося</translation>
    </message>
    <message>
        <source>Start shadow</source>
        <translation>Запустити тіньовий режим</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>Підвищити</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Відкотити</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Відхилити</translation>
    </message>
    <message>
        <source>Run the candidate version beside the current one and compare them</source>
        <translation>Запустити версію-кандидата поряд із поточною і порівняти їх</translation>
    </message>
    <message>
        <source>Undo the mutation; it becomes an avoidance rule every workflow inherits</source>
        <translation>Скасувати мутацію; вона стає правилом уникнення для всіх робочих процесів</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Хто</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Крок</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Чому</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Журнал аудиту</translation>
    </message>
    <message>
        <source>Tool pattern</source>
        <translation>Шаблон інструмента</translation>
    </message>
    <message>
        <source>Workflow pattern</source>
        <translation>Шаблон процесу</translation>
    </message>
    <message>
        <source>Learned from</source>
        <translation>Вивчено з</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Створено</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Імпортувати…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Експортувати…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Add the avoidance rules another team exported (JSON)</source>
        <translation>Додати правила уникнення, експортовані іншою командою (JSON)</translation>
    </message>
    <message>
        <source>Save every avoidance rule as JSON to share</source>
        <translation>Зберегти всі правила уникнення як JSON, щоб поділитися</translation>
    </message>
    <message>
        <source>A rolled-back mutation becomes a rule; proposals repeating it in any workflow are flagged.</source>
        <translation>Відкочена мутація стає правилом; пропозиції, що її повторюють у будь-якому процесі, позначаються.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <source>Shadow comparison</source>
        <translation>Тіньове порівняння</translation>
    </message>
    <message>
        <source>Avoidance rules</source>
        <translation>Правила уникнення</translation>
    </message>
    <message>
        <source>(whole workflow)</source>
        <translation>(увесь процес)</translation>
    </message>
    <message>
        <source>became #%1</source>
        <translation>стало №%1</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Чому: %1</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>імпортовано</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Avoidance rules (%1)</source>
        <translation>Правила уникнення (%1)</translation>
    </message>
    <message>
        <source>Select a mutation</source>
        <translation>Виберіть мутацію</translation>
    </message>
    <message>
        <source>No mutation proposed yet: diagnoses and trend warnings propose them</source>
        <translation>Мутацій ще не запропоновано: їх пропонують діагнози й попередження трендів</translation>
    </message>
    <message>
        <source>#%1 %2 on %3 — %4 %5 · %6</source>
        <translation>№%1 %2 для %3 — %4 %5 · %6</translation>
    </message>
    <message>
        <source>the whole workflow</source>
        <translation>увесь процес</translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ Repeats a mutation that broke something before.&lt;/b&gt;</source>
        <translation>&lt;b&gt;⚠ Повторює мутацію, яка раніше щось зламала.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>an imported rule</source>
        <translation>імпортоване правило</translation>
    </message>
    <message>
        <source>learned from %1 %2</source>
        <translation>вивчено з %1 %2</translation>
    </message>
    <message>
        <source>Rule #%1: %2 broke &lt;i&gt;%3&lt;/i&gt; (%4)</source>
        <translation>Правило №%1: %2 зламало &lt;i&gt;%3&lt;/i&gt; (%4)</translation>
    </message>
    <message>
        <source>&lt;b&gt;What:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Що:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(без опису)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Expected:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Очікувано:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Source:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Джерело:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source> (events %1)</source>
        <translation> (події %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Evidence&lt;/b&gt;</source>
        <translation>&lt;b&gt;Докази&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Start shadow despite rule</source>
        <translation>Запустити тіньовий режим попри правило</translation>
    </message>
    <message>
        <source>Mutation #%1 has no candidate version yet</source>
        <translation>Мутація №%1 ще не має версії-кандидата</translation>
    </message>
    <message>
        <source>Waiting for the comparison of %1 with %2</source>
        <translation>Очікування порівняння %1 з %2</translation>
    </message>
    <message>
        <source>Mutation #%1 runs in shadow mode as %2</source>
        <translation>Мутація №%1 працює в тіньовому режимі як %2</translation>
    </message>
    <message>
        <source>Mutation #%1 promoted</source>
        <translation>Мутацію №%1 підвищено</translation>
    </message>
    <message>
        <source>Mutation #%1 rolled back; avoidance rule #%2 now flags similar proposals</source>
        <translation>Мутацію №%1 відкочено; правило уникнення №%2 тепер позначає схожі пропозиції</translation>
    </message>
    <message>
        <source>Mutation #%1 rejected</source>
        <translation>Мутацію №%1 відхилено</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не вдається прочитати %1: %2</translation>
    </message>
    <message>
        <source>Imported %1 rule(s) from %2; %3 already known</source>
        <translation>Імпортовано правил: %1 з %2; уже відомих: %3</translation>
    </message>
    <message>
        <source>Nothing imported from %1:
%2</source>
        <translation>З %1 нічого не імпортовано:
%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не вдається записати %1: %2</translation>
    </message>
    <message>
        <source>Import avoidance rules</source>
        <translation>Імпорт правил уникнення</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Export avoidance rules</source>
        <translation>Експорт правил уникнення</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported %1 rule(s) to %2</source>
        <translation>Експортовано правил: %1 до %2</translation>
    </message>
    <message>
        <source>note</source>
        <translation>примітка</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>re-learning: </source>
        <translation>перенавчання: </translation>
    </message>
    <message>
        <source>%1/%2 executions</source>
        <translation>%1/%2 виконань</translation>
    </message>
    <message>
        <source>graduated at execution %1</source>
        <translation>випущено на виконанні %1</translation>
    </message>
    <message numerus="yes">
        <source>%n investigation(s) open</source>
        <translation>
            <numerusform>відкрито %n розслідування</numerusform>
            <numerusform>відкрито %n розслідування</numerusform>
            <numerusform>відкрито %n розслідувань</numerusform>
        </translation>
    </message>
    <message>
        <source>failure %1 executions ago (%2 clean needed)</source>
        <translation>збій %1 виконань тому (потрібно %2 чистих)</translation>
    </message>
    <message>
        <source>p95 of %1 still moving %2 %</source>
        <translation>p95 для %1 ще рухається на %2 %</translation>
    </message>
    <message>
        <source>profile still forming</source>
        <translation>профіль ще формується</translation>
    </message>
    <message>
        <source>ready to graduate</source>
        <translation>готовий до випуску</translation>
    </message>
    <message>
        <source>%1 applied (%2)</source>
        <translation>застосовано: %1 (%2)</translation>
    </message>
    <message>
        <source>graduated after %1 executions; p95 moved %2 % over the last %3</source>
        <translation>випущено після %1 виконань; p95 змінився на %2 % за останні %3</translation>
    </message>
    <message>
        <source>critical failure: %1 failed %2 times in a row</source>
        <translation>критичний збій: %1 зазнав збою %2 рази поспіль</translation>
    </message>
    <message>
        <source>%1 %2 accepted as the new normal by %3</source>
        <translation>%1 %2 прийнято як нову норму (%3)</translation>
    </message>
    <message>
        <source>%1 %2 dismissed as a false alarm by %3</source>
        <translation>%1 %2 відхилено як хибну тривогу (%3)</translation>
    </message>
    <message>
        <source>%1 %2 marked for evolution by %3</source>
        <translation>%1 %2 позначено для еволюції (%3)</translation>
    </message>
    <message>
        <source>profile rebased by %1</source>
        <translation>профіль перебудовано (%1)</translation>
    </message>
    <message>
        <source>dismissed by %1</source>
        <translation>відхилено (%1)</translation>
    </message>
    <message>
        <source>Update profile</source>
        <translation>Оновити профіль</translation>
    </message>
    <message>
        <source>Evolve workflow</source>
        <translation>Розвинути процес</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Відновити</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ігнорувати</translation>
    </message>
    <message>
        <source>Escalate to a human</source>
        <translation>Передати людині</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Норма</translation>
    </message>
    <message>
        <source>Suspicious</source>
        <translation>Підозріло</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Зламано</translation>
    </message>
    <message>
        <source>up</source>
        <translation>угору</translation>
    </message>
    <message>
        <source>down</source>
        <translation>униз</translation>
    </message>
    <message>
        <source>%1 returned an error</source>
        <translation>%1 повернув помилку</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 — збій: %2</translation>
    </message>
    <message>
        <source>Execution within what has been learned so far</source>
        <translation>Виконання в межах уже вивченого</translation>
    </message>
    <message>
        <source>Isolated out-of-profile value; the values around it are normal</source>
        <translation>Поодиноке значення поза профілем; значення довкола нормальні</translation>
    </message>
    <message>
        <source>Validation pass rate of %1 is degrading (input quality changed?)</source>
        <translation>Частка успішної валідації %1 погіршується (змінилася якість вхідних даних?)</translation>
    </message>
    <message>
        <source>%1 changed while failing (%2 of %3 recent calls)</source>
        <translation>%1 змінився під час збоїв (%2 з %3 останніх викликів)</translation>
    </message>
    <message>
        <source>Latency of %1 shifted %2 with unchanged output: an external dependency changed</source>
        <translation>Затримка %1 зсунулася %2 за незмінного результату: змінилася зовнішня залежність</translation>
    </message>
    <message>
        <source>%1 of %2 shifted %3 with the other metrics unchanged</source>
        <translation>%1 для %2 зсунулася %3, інші метрики без змін</translation>
    </message>
    <message>
        <source>%1 of %2 shifted together with %3</source>
        <translation>%1 для %2 зсунулася разом із %3</translation>
    </message>
    <message>
        <source>%1 of %2 = %3; profile p50 %4, p95 %5, p99 %6 (n=%7)</source>
        <translation>%1 для %2 = %3; профіль p50 %4, p95 %5, p99 %6 (n=%7)</translation>
    </message>
    <message>
        <source>last values: %1 (shift %2σ)</source>
        <translation>останні значення: %1 (зсув %2σ)</translation>
    </message>
    <message>
        <source>other metrics of %1 within profile</source>
        <translation>інші метрики %1 у межах профілю</translation>
    </message>
    <message>
        <source>%1 consecutive failed calls; %2 of the last %3 calls failed</source>
        <translation>%1 невдалих викликів поспіль; збоїв %2 з останніх %3</translation>
    </message>
</context>
<context>
    <name>ReportBuilder</name>
    <message>
        <source>Records: %1</source>
        <translation>Записів: %1</translation>
    </message>
    <message>
        <source>Executions: %1</source>
        <translation>Виконань: %1</translation>
    </message>
    <message>
        <source>Workflow versions: %1 (apprentice %2, graduated %3, investigating %4)</source>
        <translation>Версій робочих процесів: %1 (учнів %2, випущено %3, розслідується %4)</translation>
    </message>
    <message>
        <source>Drift events: %1; anomalies: %2</source>
        <translation>Подій дрейфу: %1; аномалій: %2</translation>
    </message>
    <message>
        <source>Monitoring spend: %1; always-on AI monitoring would have cost %2; saved %3</source>
        <translation>Витрати на моніторинг: %1; постійний ШІ-моніторинг коштував би %2; заощаджено %3</translation>
    </message>
    <message>
        <source>Apprentice report</source>
        <translation>Звіт Apprentice</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>Створено %1</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Немає.</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Робочі процеси</translation>
    </message>
    <message>
        <source>Drifts and failures</source>
        <translation>Дрейфи і збої</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Загальні</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Дані</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>Розслідування</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Системна (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source>The console&apos;s language; numbers follow it too</source>
        <translation>Мова консолі; числа теж форматуються за нею</translation>
    </message>
    <message>
        <source>System palette</source>
        <translation>Системна палітра</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Світла</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Темна</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Кольори</translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s palette, or force a light or dark one</source>
        <translation>Як у стільниці, або примусово світла чи темна</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Ім’я оператора</translation>
    </message>
    <message>
        <source>Recorded with every decision you take on a drift (the audit trail)</source>
        <translation>Записується з кожним вашим рішенням щодо дрейфу (журнал аудиту)</translation>
    </message>
    <message>
        <source>Live stream keeps</source>
        <translation>Живий потік зберігає</translation>
    </message>
    <message>
        <source>Records kept in the live stream; older ones leave it (the analysis keeps everything)</source>
        <translation>Записи в живому потоці; старіші залишають його (аналіз враховує все)</translation>
    </message>
    <message>
        <source> records</source>
        <translation> записів</translation>
    </message>
    <message>
        <source>Chart history per metric</source>
        <translation>Історія графіків на метрику</translation>
    </message>
    <message>
        <source>Values kept per tool and metric for the distribution charts</source>
        <translation>Значення, що зберігаються для кожного інструмента й метрики для графіків розподілів</translation>
    </message>
    <message>
        <source> values</source>
        <translation> значень</translation>
    </message>
    <message>
        <source>Graduate after</source>
        <translation>Випускати після</translation>
    </message>
    <message>
        <source>Executions of apprenticeship before a workflow version can graduate</source>
        <translation>Виконань учнівства, після яких версію робочого процесу можна випустити</translation>
    </message>
    <message>
        <source> executions</source>
        <translation> виконань</translation>
    </message>
    <message>
        <source>Investigate with LLM tiers</source>
        <translation>Розслідувати рівнями LLM</translation>
    </message>
    <message>
        <source>Off: the built-in rules diagnose every drift at once, for $0, and the ledger charges the seed&apos;s modelled prices. On: drifts go up this ladder of models; each answer, its tokens and cost appear in the drift&apos;s Investigation tab.</source>
        <translation>Вимкнено: вбудовані правила одразу діагностують кожен дрейф за $0, а облік нараховує модельні ціни зі статті. Увімкнено: дрейфи проходять цією драбиною моделей; кожна відповідь, її токени й вартість з’являються на вкладці «Розслідування» дрейфу.</translation>
    </message>
    <message>
        <source>Keep profiles in</source>
        <translation>Зберігати профілі в</translation>
    </message>
    <message>
        <source>SQLite store (*.sqlite *.db);;All files (*)</source>
        <translation>Сховище SQLite (*.sqlite *.db);;Усі файли (*)</translation>
    </message>
    <message>
        <source>The SQLite store a session on real data continues from and writes back to — profiles, phases, events, the ledger and the mutation ledger (apprentice-cli uses the same file by default). Empty: nothing is kept.</source>
        <translation>Сховище SQLite, з якого сеанс на реальних даних продовжує і куди записує — профілі, фази, події, облік витрат і журнал мутацій (apprentice-cli типово використовує той самий файл). Порожньо: нічого не зберігається.</translation>
    </message>
    <message>
        <source>nothing is kept</source>
        <translation>нічого не зберігається</translation>
    </message>
    <message>
        <source>Choose the store file</source>
        <translation>Вибрати файл сховища</translation>
    </message>
    <message>
        <source>Graduation and the store apply to sessions started afterwards (the mutation ledger moves at the next start). About 20 bytes per chart value and 200 bytes per stream record.</source>
        <translation>Випуск і сховище діють для сеансів, розпочатих після зміни (журнал мутацій переїде під час наступного запуску). Близько 20 байтів на значення графіка і 200 байтів на запис потоку.</translation>
    </message>
</context>
<context>
    <name>ShadowComparisonWidget</name>
    <message>
        <source>equivalent</source>
        <translation>рівноцінно</translation>
    </message>
    <message>
        <source>improved</source>
        <translation>покращено</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>змінено</translation>
    </message>
    <message>
        <source>too few calls</source>
        <translation>замало викликів</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>невизначено</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>регресія</translation>
    </message>
    <message>
        <source>PROMOTE</source>
        <translation>ПІДВИЩИТИ</translation>
    </message>
    <message>
        <source>ROLL BACK</source>
        <translation>ВІДКОТИТИ</translation>
    </message>
    <message>
        <source>KEEP IN SHADOW</source>
        <translation>ЛИШИТИ В ТІНІ</translation>
    </message>
    <message>
        <source>Tool / metric</source>
        <translation>Інструмент / метрика</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Базова</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Кандидат</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <source>p (Holm)</source>
        <translation>p (Голм)</translation>
    </message>
    <message>
        <source>Cliff&apos;s δ</source>
        <translation>δ Кліффа</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>NO COMPARISON</source>
        <translation>БЕЗ ПОРІВНЯННЯ</translation>
    </message>
    <message>
        <source>No candidate version in shadow mode</source>
        <translation>Немає версії-кандидата в тіньовому режимі</translation>
    </message>
    <message>
        <source>When records of a new version arrive beside the current one, both are compared tool by tool here.</source>
        <translation>Коли записи нової версії надходять поряд із поточною, обидві порівнюються тут інструмент за інструментом.</translation>
    </message>
    <message>
        <source>%1: candidate %2 against baseline %3</source>
        <translation>%1: кандидат %2 проти базової %3</translation>
    </message>
    <message>
        <source>Baseline calls since %1, when %2 started running beside it</source>
        <translation>Виклики базової версії від %1, коли поряд запрацювала %2</translation>
    </message>
    <message>
        <source>Baseline over its whole history (since %1)</source>
        <translation>Базова версія за всю історію (від %1)</translation>
    </message>
    <message>
        <source> · %1 tests, Holm-corrected at α = %2</source>
        <translation> · %1 тестів, поправка Голма при α = %2</translation>
    </message>
    <message>
        <source>Baseline %1</source>
        <translation>Базова %1</translation>
    </message>
    <message>
        <source>Candidate %1</source>
        <translation>Кандидат %1</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 викликів</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>частка помилок</translation>
    </message>
    <message>
        <source> pp</source>
        <translation> в. п.</translation>
    </message>
    <message>
        <source>n = %1 / %2 calls (samples %3 / %4); p95 %5 → %6; KS D = %7</source>
        <translation>n = %1 / %2 викликів (вибірки %3 / %4); p95 %5 → %6; KS D = %7</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (базова)</translation>
    </message>
    <message>
        <source>%1 (candidate)</source>
        <translation>%1 (кандидат)</translation>
    </message>
    <message>
        <source>Median latency per tool (ms)</source>
        <translation>Медіанна затримка за інструментами (мс)</translation>
    </message>
</context>
<context>
    <name>StoreStatusLabel</name>
    <message>
        <source>Profiles not kept</source>
        <translation>Профілі не зберігаються</translation>
    </message>
    <message>
        <source>What this session learns is not kept: %1</source>
        <translation>Вивчене в цьому сеансі не зберігається: %1</translation>
    </message>
    <message numerus="yes">
        <source>Profiles kept · %n restored</source>
        <translation>
            <numerusform>Профілі зберігаються · відновлено %n</numerusform>
            <numerusform>Профілі зберігаються · відновлено %n</numerusform>
            <numerusform>Профілі зберігаються · відновлено %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Profiles kept</source>
        <translation>Профілі зберігаються</translation>
    </message>
    <message>
        <source>Profiles, phases, events and the ledger are kept in %1; the next session on real data continues from them (the demo never touches it)</source>
        <translation>Профілі, фази, події та облік витрат зберігаються в %1; наступний сеанс на реальних даних продовжить із них (демо цього файлу не торкається)</translation>
    </message>
</context>
<context>
    <name>StreamModel</name>
    <message>
        <source>failed</source>
        <translation>збій</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>збій: %1</translation>
    </message>
    <message>
        <source>drift detected</source>
        <translation>виявлено дрейф</translation>
    </message>
    <message>
        <source>anomaly</source>
        <translation>аномалія</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>навчання</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>успішно</translation>
    </message>
    <message>
        <source>error</source>
        <translation>помилка</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, рядок %2</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Час (UTC)</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Виконання</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Інструмент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Затримка</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Пам’ять</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>ЦП</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Валідація</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Вартість</translation>
    </message>
    <message>
        <source>Drift score</source>
        <translation>Оцінка дрейфу</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <source>When the tool call started, in UTC</source>
        <translation>Коли почався виклик інструмента, за UTC</translation>
    </message>
    <message>
        <source>The workflow run this call belongs to</source>
        <translation>Запуск робочого процесу, до якого належить виклик</translation>
    </message>
    <message>
        <source>Outcome of the call: ok or error</source>
        <translation>Результат виклику: ok або error</translation>
    </message>
    <message>
        <source>What the engine made of the call: learning, anomaly, drift, failure</source>
        <translation>Як рушій оцінив виклик: навчання, аномалія, дрейф, збій</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>демо</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <source>Where the record came from: the imported file, the live connection, or the demo</source>
        <translation>Звідки надійшов запис: імпортований файл, живе підключення або демо</translation>
    </message>
</context>
<context>
    <name>StreamPage</name>
    <message>
        <source>Resume</source>
        <translation>Продовжити</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Freeze the stream to read it; records keep arriving and appear on resume (%1)</source>
        <translation>Зупинити потік, щоб прочитати; записи далі надходять і з’являться після продовження (%1)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Стежити</translation>
    </message>
    <message>
        <source>Keep the newest records in view</source>
        <translation>Тримати найновіші записи на екрані</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Спершу нові</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Спершу старі</translation>
    </message>
    <message>
        <source>Newest records on top, or at the bottom like a log tail</source>
        <translation>Найновіші записи згори або знизу, як хвіст журналу</translation>
    </message>
    <message>
        <source>Show one workflow only</source>
        <translation>Показати лише один робочий процес</translation>
    </message>
    <message>
        <source>Show one tool only</source>
        <translation>Показати лише один інструмент</translation>
    </message>
    <message>
        <source>Show all records, only successful or failed ones, or only those the engine flagged</source>
        <translation>Показати всі записи, лише успішні чи невдалі або лише ті, що їх позначив рушій</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Усі записи</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>Успішні</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Невдалі</translation>
    </message>
    <message>
        <source>Flagged (anomaly, drift, failure)</source>
        <translation>Позначені (аномалія, дрейф, збій)</translation>
    </message>
    <message>
        <source>Drift score ≥ 0.5</source>
        <translation>Оцінка дрейфу ≥ 0,5</translation>
    </message>
    <message>
        <source>All workflows</source>
        <translation>Усі робочі процеси</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>Усі інструменти</translation>
    </message>
    <message>
        <source>%1 of %2 records</source>
        <translation>%1 з %2 записів</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 записів</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>в очікуванні %1</translation>
    </message>
    <message>
        <source>The stream keeps the newest %1 records (Settings → Data)</source>
        <translation>Потік зберігає найновіші %1 записів (Налаштування → Дані)</translation>
    </message>
    <message>
        <source>Search workflow, tool, execution, error, source…</source>
        <translation>Пошук процесу, інструмента, виконання, помилки, джерела…</translation>
    </message>
    <message>
        <source>Show the records of one file, live connection or the demo only</source>
        <translation>Показати записи лише одного файлу, живого підключення або демо</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Усі джерела</translation>
    </message>
</context>
<context>
    <name>TierSettingsWidget</name>
    <message>
        <source>Tier</source>
        <translation>Рівень</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Постачальник</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Accept ≥</source>
        <translation>Прийняти ≥</translation>
    </message>
    <message>
        <source>$ in / out per Mtok</source>
        <translation>$ вх. / вих. за млн токенів</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>Змінна ключа</translation>
    </message>
    <message>
        <source>Escalation order</source>
        <translation>Порядок ескалації</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Додати</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Вище</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Нижче</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Відкрити…</translation>
    </message>
    <message>
        <source>Load a tiers file</source>
        <translation>Завантажити файл рівнів</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Зберегти як…</translation>
    </message>
    <message>
        <source>Write the ladder as a tiers file (for apprentice-cli analyze --tiers)</source>
        <translation>Записати драбину у файл рівнів (для apprentice-cli analyze --tiers)</translation>
    </message>
    <message>
        <source>An investigation asks each tier in turn and stops at the first answer that reaches the tier&apos;s confidence; the last tier&apos;s answer is always accepted.</source>
        <translation>Розслідування питає кожен рівень по черзі й зупиняється на першій відповіді, що досягла порогу впевненості рівня; відповідь останнього рівня приймається завжди.</translation>
    </message>
    <message>
        <source>Selected tier</source>
        <translation>Вибраний рівень</translation>
    </message>
    <message>
        <source>rules — built-in statistics, free</source>
        <translation>rules — вбудована статистика, безкоштовно</translation>
    </message>
    <message>
        <source>ollama — Ollama /api/chat</source>
        <translation>ollama — Ollama /api/chat</translation>
    </message>
    <message>
        <source>openai — OpenAI-compatible /v1/chat/completions</source>
        <translation>openai — сумісний з OpenAI /v1/chat/completions</translation>
    </message>
    <message>
        <source>anthropic — Anthropic /v1/messages</source>
        <translation>anthropic — Anthropic /v1/messages</translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation>Отримати моделі</translation>
    </message>
    <message>
        <source>Ask the server which models it offers</source>
        <translation>Запитати в сервера, які моделі він пропонує</translation>
    </message>
    <message>
        <source>e.g. ANTHROPIC_API_KEY</source>
        <translation>напр. ANTHROPIC_API_KEY</translation>
    </message>
    <message>
        <source>The NAME of an environment variable holding the key. Keys are never stored.</source>
        <translation>НАЗВА змінної середовища з ключем. Самі ключі ніколи не зберігаються.</translation>
    </message>
    <message>
        <source>From price table</source>
        <translation>З таблиці цін</translation>
    </message>
    <message>
        <source>Prices as of %1 (resources/prices.json)</source>
        <translation>Ціни станом на %1 (resources/prices.json)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>in</source>
        <translation>вх.</translation>
    </message>
    <message>
        <source>out</source>
        <translation>вих.</translation>
    </message>
    <message>
        <source>max answer tokens</source>
        <translation>макс. токенів відповіді</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Accept at</source>
        <translation>Приймати від</translation>
    </message>
    <message>
        <source>API key variable</source>
        <translation>Змінна ключа API</translation>
    </message>
    <message>
        <source>Price per 1M tokens</source>
        <translation>Ціна за 1 млн токенів</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Тайм-аут</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) offered by the server</source>
        <translation>
            <numerusform>сервер пропонує %n модель</numerusform>
            <numerusform>сервер пропонує %n моделі</numerusform>
            <numerusform>сервер пропонує %n моделей</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Запит до %1…</translation>
    </message>
    <message>
        <source>%1 is not in the price table (as of %2); enter its prices by hand, or 0 for a local model</source>
        <translation>%1 немає в таблиці цін (станом на %2); введіть ціни вручну або 0 для локальної моделі</translation>
    </message>
    <message>
        <source>Prices for %1 as of %2 (%3)</source>
        <translation>Ціни для %1 станом на %2 (%3)</translation>
    </message>
    <message>
        <source>always</source>
        <translation>завжди</translation>
    </message>
    <message>
        <source>The last tier&apos;s answer is always accepted</source>
        <translation>Відповідь останнього рівня приймається завжди</translation>
    </message>
    <message>
        <source>the last tier&apos;s answer is always accepted</source>
        <translation>відповідь останнього рівня приймається завжди</translation>
    </message>
    <message>
        <source>confidence at which the ladder stops here</source>
        <translation>впевненість, за якої драбина зупиняється тут</translation>
    </message>
    <message>
        <source>no key sent</source>
        <translation>ключ не надсилається</translation>
    </message>
    <message>
        <source>set</source>
        <translation>задано</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source>Open tiers file</source>
        <translation>Відкрити файл рівнів</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Save tiers file</source>
        <translation>Зберегти файл рівнів</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n model(s) offered by the server</source>
        <translation>
            <numerusform>%1: сервер пропонує %n модель</numerusform>
            <numerusform>%1: сервер пропонує %n моделі</numerusform>
            <numerusform>%1: сервер пропонує %n моделей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Current profile p1–p99</source>
        <translation>Поточний профіль p1–p99</translation>
    </message>
    <message>
        <source>Profile median</source>
        <translation>Медіана профілю</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Дрейф</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Збій</translation>
    </message>
</context>
<context>
    <name>TrendPage</name>
    <message>
        <source>no trend</source>
        <translation>без тренду</translation>
    </message>
    <message>
        <source>high</source>
        <translation>висока</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>середня</translation>
    </message>
    <message>
        <source>low</source>
        <translation>низька</translation>
    </message>
    <message>
        <source>harmless</source>
        <translation>нешкідливо</translation>
    </message>
    <message>
        <source>Daily p95</source>
        <translation>Добовий p95</translation>
    </message>
    <message>
        <source>Daily mean</source>
        <translation>Добове середнє</translation>
    </message>
    <message>
        <source>Daily error rate</source>
        <translation>Добова частка помилок</translation>
    </message>
    <message>
        <source>No significant trend</source>
        <translation>Значущого тренду немає</translation>
    </message>
    <message>
        <source>No limit set for %1</source>
        <translation>Для %1 межу не задано</translation>
    </message>
    <message>
        <source>No breach expected: moving away from %1%2</source>
        <translation>Порушення не очікується: віддаляється від %1%2</translation>
    </message>
    <message>
        <source>Already beyond %1%2</source>
        <translation>Уже за межею %1%2</translation>
    </message>
    <message>
        <source>Breach in %1 days</source>
        <translation>Порушення через %1 дн.</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Тренди</translation>
    </message>
    <message>
        <source>Only significant trends</source>
        <translation>Лише значущі тренди</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Серйозність</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Ряд</translation>
    </message>
    <message>
        <source>Slope/day</source>
        <translation>Нахил/день</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>За тиждень</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>Порушення</translation>
    </message>
    <message>
        <source>Propose mutation</source>
        <translation>Запропонувати мутацію</translation>
    </message>
    <message>
        <source>Record the mutation this trend suggests in the mutation ledger</source>
        <translation>Записати мутацію, яку підказує цей тренд, у журнал мутацій</translation>
    </message>
    <message>
        <source>Each point is one day&apos;s value of the series. The solid line is the robust Theil–Sen trend over the window, the dashed line its projection with a 95&#xa0;% cone; the dotted line is the limit and the square marks where the trend crosses it. A trend is reported when the (weekday-seasonal) Mann–Kendall test is significant with false discoveries controlled over all series. Statistics only: no model is called.</source>
        <translation>Кожна точка — добове значення ряду. Суцільна лінія — стійкий тренд Тейла–Сена за вікно, штрихова — його проєкція з 95&#xa0;% конусом; пунктир — межа, квадрат позначає, де тренд її перетинає. Тренд повідомляється, коли тест Манна–Кендалла (з тижневою сезонністю) значущий за контролю хибних відкриттів по всіх рядах. Лише статистика: жодна модель не викликається.</translation>
    </message>
    <message>
        <source> pp</source>
        <translation> в. п.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>зараз</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 д</translation>
    </message>
    <message>
        <source>No series with enough days yet (7 needed)</source>
        <translation>Ще немає рядів із достатньою кількістю днів (потрібно 7)</translation>
    </message>
    <message>
        <source>%1 of %2 series degrading · as of %3 · statistics only, $0</source>
        <translation>погіршується %1 з %2 рядів · станом на %3 · лише статистика, $0</translation>
    </message>
    <message>
        <source>Nothing to show yet</source>
        <translation>Поки що нічого показати</translation>
    </message>
    <message>
        <source>Select a series</source>
        <translation>Виберіть ряд</translation>
    </message>
    <message>
        <source>%1 days%2 · Mann–Kendall p = %3 · Theil–Sen slope %4 [%5, %6] per day</source>
        <translation>%1 дн.%2 · Манн–Кендалл p = %3 · нахил Тейла–Сена %4 [%5, %6] за день</translation>
    </message>
    <message>
        <source>, weekday-seasonal</source>
        <translation>, з тижневою сезонністю</translation>
    </message>
    <message>
        <source>95 % cone</source>
        <translation>95 % конус</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Тренд</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Проєкція</translation>
    </message>
    <message>
        <source>Limit %1 %2%3</source>
        <translation>Межа %1 %2%3</translation>
    </message>
    <message>
        <source>trend analysis</source>
        <translation>аналіз тренду</translation>
    </message>
</context>
<context>
    <name>VersionsPage</name>
    <message>
        <source>No workflow yet. Open a log export, connect a live source or start the demo.</source>
        <translation>Робочих процесів ще немає. Відкрийте експорт журналу, підключіть живе джерело або запустіть демо.</translation>
    </message>
    <message>
        <source>Only version %1 of %2 has been seen. When records of another version arrive (for example 1.1.0 running in shadow mode beside it), the two are compared here tool by tool.</source>
        <translation>Поки що бачили лише версію %1 процесу %2. Щойно надійдуть записи іншої версії (наприклад, 1.1.0 у тіньовому режимі поруч), їх буде порівняно тут інструмент за інструментом.</translation>
    </message>
    <message>
        <source>Pick two different versions to compare.</source>
        <translation>Виберіть дві різні версії для порівняння.</translation>
    </message>
    <message>
        <source>A new version is judged against the current one on the calls both served over the same period: medians and error rates with significance tests and effect sizes, then a recommendation to promote it or roll it back.</source>
        <translation>Нову версію оцінюють відносно поточної на викликах, які обидві обслужили за той самий період: медіани й частки помилок із тестами значущості та розмірами ефекту, а потім рекомендація — просунути її чи відкотити.</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>&amp;Робочий процес</translation>
    </message>
    <message>
        <source>&amp;Baseline</source>
        <translation>&amp;Базова</translation>
    </message>
    <message>
        <source>&amp;Candidate</source>
        <translation>&amp;Кандидат</translation>
    </message>
    <message>
        <source>The workflow whose versions are compared</source>
        <translation>Робочий процес, версії якого порівнюються</translation>
    </message>
    <message>
        <source>The version in production, the reference</source>
        <translation>Версія в роботі, еталон</translation>
    </message>
    <message>
        <source>The new version being judged (by default the newest one)</source>
        <translation>Нова версія, яку оцінюють (типово найновіша)</translation>
    </message>
</context>
<context>
    <name>WhatIfCalculator</name>
    <message>
        <source>%1 executions/day, %2 investigations/year at %3 each, as observed in this session</source>
        <translation>%1 виконань/добу, %2 розслідувань/рік по %3 — як у цьому сеансі</translation>
    </message>
    <message>
        <source>%1× cheaper</source>
        <translation>у %1 раза дешевше</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;Always-on AI monitoring:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%1&lt;/b&gt; / year&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Apprenticeship pattern:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%2&lt;/b&gt; / year&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos; style=&apos;color:gray&apos;&gt;learning %3 + investigations %4; graduated executions $0&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Saved:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b style=&apos;color:%5&apos;&gt;%6&lt;/b&gt; / year&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;Постійний ШІ-моніторинг:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%1&lt;/b&gt; / рік&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Патерн учнівства:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;%2&lt;/b&gt; / рік&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos; style=&apos;color:gray&apos;&gt;навчання %3 + розслідування %4; випущені виконання $0&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Заощаджено:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b style=&apos;color:%5&apos;&gt;%6&lt;/b&gt; / рік&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Annual what-if</source>
        <translation>Річний сценарій «що як»</translation>
    </message>
    <message>
        <source>Executions per day</source>
        <translation>Виконань на добу</translation>
    </message>
    <message>
        <source>How often the workflow runs</source>
        <translation>Як часто запускається робочий процес</translation>
    </message>
    <message>
        <source>Always-on cost per execution</source>
        <translation>Постійний моніторинг за виконання</translation>
    </message>
    <message>
        <source>What AI monitoring of one execution costs (the seed: $0.01)</source>
        <translation>Скільки коштує ШІ-моніторинг одного виконання (у статті: $0.01)</translation>
    </message>
    <message>
        <source>New versions per year</source>
        <translation>Нових версій на рік</translation>
    </message>
    <message>
        <source>Each new version runs its own apprenticeship</source>
        <translation>Кожна нова версія проходить власне учнівство</translation>
    </message>
    <message>
        <source>Apprenticeship executions</source>
        <translation>Виконань учнівства</translation>
    </message>
    <message>
        <source>Executions reviewed before a version graduates</source>
        <translation>Виконань, що перевіряються до випуску версії</translation>
    </message>
    <message>
        <source>Cost per reviewed execution</source>
        <translation>Вартість перевірки виконання</translation>
    </message>
    <message>
        <source>Full review while learning (the seed: fast + medium tier, $0.016)</source>
        <translation>Повна перевірка під час навчання (у статті: швидкий + середній рівні, $0.016)</translation>
    </message>
    <message>
        <source>Investigations per year</source>
        <translation>Розслідувань на рік</translation>
    </message>
    <message>
        <source>Drifts and failures that need a diagnosis</source>
        <translation>Дрейфи і збої, що потребують діагностики</translation>
    </message>
    <message>
        <source>Cost per investigation</source>
        <translation>Вартість розслідування</translation>
    </message>
    <message>
        <source>Average cost of diagnosing one drift or failure</source>
        <translation>Середня вартість діагностики одного дрейфу чи збою</translation>
    </message>
    <message>
        <source>Use this session&apos;s numbers</source>
        <translation>Узяти числа цього сеансу</translation>
    </message>
</context>
<context>
    <name>WorkflowsModel</name>
    <message>
        <source>Apprentice</source>
        <translation>Учень</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Випущено</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>Розслідування</translation>
    </message>
    <message>
        <source>Re-learning</source>
        <translation>Перенавчання</translation>
    </message>
    <message>
        <source>Learning its quality profile under full monitoring: every execution is reviewed (paid).</source>
        <translation>Вивчає свій профіль якості під повним моніторингом: кожне виконання перевіряється (платно).</translation>
    </message>
    <message>
        <source>Profile proven: watched by free statistical monitoring only.</source>
        <translation>Профіль підтверджено: лише безкоштовний статистичний моніторинг.</translation>
    </message>
    <message>
        <source>A drift or failure was detected: an investigation is open.</source>
        <translation>Виявлено дрейф або збій: відкрито розслідування.</translation>
    </message>
    <message>
        <source>Back in apprenticeship after a critical failure: the profile is learned again.</source>
        <translation>Знову в учнівстві після критичного збою: профіль вивчається заново.</translation>
    </message>
    <message>
        <source>graduated after %1 executions</source>
        <translation>випущено після %1 виконань</translation>
    </message>
    <message>
        <source>failure of %1</source>
        <translation>збій %1</translation>
    </message>
    <message>
        <source>drift of %1 %2</source>
        <translation>дрейф %1 %2</translation>
    </message>
    <message>
        <source>diagnosed: %1 (%2)</source>
        <translation>діагноз: %1 (%2)</translation>
    </message>
    <message>
        <source>Graduated at execution %1</source>
        <translation>Випущено на виконанні %1</translation>
    </message>
    <message>
        <source>Apprenticeship %1 (%2 executions reviewed) + investigations %3 (%4)</source>
        <translation>Учнівство %1 (перевірено виконань: %2) + розслідування %3 (%4)</translation>
    </message>
    <message>
        <source>What AI monitoring of every execution would have cost (the counterfactual)</source>
        <translation>Скільки коштував би ШІ-моніторинг кожного виконання (контрфактичний сценарій)</translation>
    </message>
    <message>
        <source>Always-on cost minus what was actually spent</source>
        <translation>Вартість постійного моніторингу мінус фактично витрачене</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Фаза</translation>
    </message>
    <message>
        <source>Progress / reason</source>
        <translation>Поступ / причина</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Виконань</translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation>Виклики</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Невдалі</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Витрачено</translation>
    </message>
    <message>
        <source>Always-on</source>
        <translation>Постійний</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Заощадження</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Остання подія</translation>
    </message>
    <message>
        <source>Apprentice: learning under full monitoring; Graduated: statistical monitoring only; Investigating: a drift is being diagnosed; Re-learning: back to apprenticeship</source>
        <translation>Учень: навчання під повним моніторингом; Випущено: лише статистичний моніторинг; Розслідування: дрейф діагностується; Перенавчання: повернення до учнівства</translation>
    </message>
    <message>
        <source>Why the version is in its phase, e.g. how many of the executions needed to graduate have run</source>
        <translation>Чому версія в цій фазі, наприклад скільки з потрібних для випуску виконань уже минуло</translation>
    </message>
    <message>
        <source>Workflow runs seen (distinct execution ids)</source>
        <translation>Запуски робочого процесу (різні ідентифікатори виконань)</translation>
    </message>
    <message>
        <source>Tool calls seen (records)</source>
        <translation>Виклики інструментів (записи)</translation>
    </message>
    <message>
        <source>Executions with at least one failed call</source>
        <translation>Виконання щонайменше з одним невдалим викликом</translation>
    </message>
    <message>
        <source>Monitoring spend so far: apprenticeship reviews plus investigations</source>
        <translation>Витрати на моніторинг досі: перевірки учнівства плюс розслідування</translation>
    </message>
    <message>
        <source>The latest graduation, drift, diagnosis or operator decision</source>
        <translation>Останній випуск, дрейф, діагноз або рішення оператора</translation>
    </message>
</context>
<context>
    <name>WorkflowsPage</name>
    <message>
        <source>Filter by workflow or version…</source>
        <translation>Фільтр за процесом або версією…</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>Усі фази</translation>
    </message>
    <message>
        <source>Show only workflow versions in this phase</source>
        <translation>Показати лише версії процесів у цій фазі</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Випущено</translation>
    </message>
    <message>
        <source>Workflow versions monitored for free by statistics, out of all versions seen</source>
        <translation>Версії процесів під безкоштовним статистичним моніторингом, з усіх відомих версій</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Виконання</translation>
    </message>
    <message>
        <source>Workflow runs seen in this session</source>
        <translation>Запуски робочих процесів у цьому сеансі</translation>
    </message>
    <message>
        <source>Monitoring spend</source>
        <translation>Витрати на моніторинг</translation>
    </message>
    <message>
        <source>Apprenticeship reviews plus investigations</source>
        <translation>Перевірки учнівства плюс розслідування</translation>
    </message>
    <message>
        <source>Saved against always-on</source>
        <translation>Заощаджено порівняно з постійним</translation>
    </message>
    <message>
        <source>What AI monitoring of every execution would have cost, minus what was spent</source>
        <translation>Скільки коштував би ШІ-моніторинг кожного виконання, мінус витрачене</translation>
    </message>
    <message>
        <source>&lt;b&gt;This is the built-in demo:&lt;/b&gt; a simulated &lt;i&gt;process_customer_order&lt;/i&gt; workflow (fetch_data → process → validate → send_results). While it is an &lt;b&gt;apprentice&lt;/b&gt; every execution is reviewed and paid for; after 50 executions it &lt;b&gt;graduates&lt;/b&gt; to free statistical monitoring. Then press &lt;b&gt;API slowdown&lt;/b&gt; (Alt+1) in the demo bar and open &lt;b&gt;Drift events&lt;/b&gt; (Ctrl+4): the slowdown is detected, diagnosed and the profile updated — or decide yourself with &lt;i&gt;Accept as new normal&lt;/i&gt;.</source>
        <translation>&lt;b&gt;Це вбудоване демо:&lt;/b&gt; змодельований робочий процес &lt;i&gt;process_customer_order&lt;/i&gt; (fetch_data → process → validate → send_results). Поки він &lt;b&gt;учень&lt;/b&gt;, кожне виконання перевіряється й оплачується; після 50 виконань він &lt;b&gt;випускається&lt;/b&gt; на безкоштовний статистичний моніторинг. Потім натисніть &lt;b&gt;Сповільнення API&lt;/b&gt; (Alt+1) на панелі демо і відкрийте &lt;b&gt;Події дрейфу&lt;/b&gt; (Ctrl+4): сповільнення буде виявлено, діагностовано, а профіль оновлено — або вирішіть самі кнопкою &lt;i&gt;Прийняти як нову норму&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Close this hint</source>
        <translation>Закрити підказку</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 з %2</translation>
    </message>
    <message numerus="yes">
        <source>%n learning</source>
        <translation>
            <numerusform>%n навчається</numerusform>
            <numerusform>%n навчаються</numerusform>
            <numerusform>%n навчаються</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n investigating</source>
        <translation>
            <numerusform>%n розслідується</numerusform>
            <numerusform>%n розслідуються</numerusform>
            <numerusform>%n розслідуються</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tool calls</source>
        <translation>%1 викликів</translation>
    </message>
    <message>
        <source>%1 per execution</source>
        <translation>%1 за виконання</translation>
    </message>
    <message>
        <source>always-on would be %1</source>
        <translation>постійний коштував би %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n workflow version(s)</source>
        <translation>
            <numerusform>%1 з %n версії процесу</numerusform>
            <numerusform>%1 з %n версій процесів</numerusform>
            <numerusform>%1 з %n версій процесів</numerusform>
        </translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>Остання активність</translation>
    </message>
    <message>
        <source>Graduations, drifts, failures, diagnoses and decisions, newest first; double-click one to open it on the drift page</source>
        <translation>Випуски, дрейфи, збої, діагнози й рішення, найновіші згори; подвійне клацання відкриває подію на сторінці дрейфу</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Operations console for AI workflows.

With no file, starts the built-in demo (a simulated process_customer_order workflow).
SCENARIO after --demo switches one of the seed&apos;s situations on after 300 normal executions: %1.</source>
        <translation>Операційна консоль для ШІ-процесів.

Без файлу запускає вбудоване демо (змодельований процес process_customer_order).
СЦЕНАРІЙ після --demo вмикає одну з ситуацій зі статті після 300 звичайних виконань: %1.</translation>
    </message>
    <message>
        <source>Run the built-in demo workflow.</source>
        <translation>Запустити вбудований демонстраційний процес.</translation>
    </message>
    <message>
        <source>Demo speed: simulated ms per wall ms (0 = as fast as possible).</source>
        <translation>Швидкість демо: змодельовані мс за реальну мс (0 = якнайшвидше).</translation>
    </message>
    <message>
        <source>Render the window to FILE after loading, then exit.</source>
        <translation>Після завантаження зберегти вікно у ФАЙЛ і вийти.</translation>
    </message>
    <message>
        <source>Page to show: workflows, stream, distributions, drift, economics.</source>
        <translation>Сторінка: workflows, stream, distributions, drift, economics.</translation>
    </message>
    <message>
        <source>Language (en, uk); default: settings or system.</source>
        <translation>Мова (en, uk); типово: з налаштувань або системи.</translation>
    </message>
    <message>
        <source>Colours: system, light or dark.</source>
        <translation>Кольори: system, light або dark.</translation>
    </message>
    <message>
        <source>Keep settings in this INI file instead of the user&apos;s.</source>
        <translation>Зберігати налаштування в цьому INI-файлі замість користувацького.</translation>
    </message>
    <message>
        <source>Measure event-loop latency and chart refreshes for SECONDS, print them, exit.</source>
        <translation>Вимірювати затримку циклу подій і оновлення графіків протягом СЕКУНД, вивести й вийти.</translation>
    </message>
    <message>
        <source>Log exports to open, or the demo&apos;s SCENARIO.</source>
        <translation>Експорти журналів для відкриття або СЦЕНАРІЙ демо.</translation>
    </message>
</context>
</TS>
