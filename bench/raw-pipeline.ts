/** The week's KPIs as one aggregation over raw interactions: what a BI tool would run. */
export function rawWeekPipeline(tenantId: string, start: Date, end: Date): object[] {
  const inWeek = (field: string) => ({ $and: [{ $gte: [field, start] }, { $lt: [field, end] }] });
  const minutes = (from: string, to: string) => ({ $divide: [{ $subtract: [to, from] }, 60000] });
  return [
    { $match: { tenantId } },
    {
      $facet: {
        volume: [{ $match: { createdAt: { $gte: start, $lt: end } } }, { $count: 'n' }],
        customers: [{ $match: { createdAt: { $gte: start, $lt: end } } }, { $group: { _id: '$customer.id' } }, { $count: 'n' }],
        frt: [
          { $match: { createdAt: { $gte: start, $lt: end }, firstResponseAt: { $exists: true } } },
          { $project: { m: minutes('$createdAt', '$firstResponseAt') } },
          { $group: { _id: null, mean: { $avg: '$m' }, values: { $push: '$m' }, n: { $sum: 1 } } },
        ],
        resolved: [
          { $match: { resolvedAt: { $gte: start, $lt: end } } },
          { $project: { m: minutes('$createdAt', '$resolvedAt'), fcr: { $cond: ['$firstContactResolution', 1, 0] } } },
          { $group: { _id: null, n: { $sum: 1 }, mean: { $avg: '$m' }, values: { $push: '$m' }, fcr: { $sum: '$fcr' } } },
        ],
        backlog: [
          { $match: { createdAt: { $lt: end } } },
          { $project: { open: { $cond: [{ $or: [{ $not: ['$resolvedAt'] }, { $gte: ['$resolvedAt', end] }] }, 1, 0] } } },
          { $group: { _id: null, n: { $sum: '$open' } } },
        ],
        reopens: [
          { $unwind: '$reopenedAt' },
          { $match: { $expr: inWeek('$reopenedAt') } },
          { $count: 'n' },
        ],
      },
    },
  ];
}
