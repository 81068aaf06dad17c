/**
 * Turns a parsed JQL query into a predicate, a sort order and a candidate list over the store.
 * Values are resolved once (names to ids, dates to instants), so evaluating 50,000 issues is a
 * tight loop over sets and numbers.
 */
import type { DatasetIssue, DatasetVersion } from './dataset';
import { JqlError, parseJql, type JqlClause, type JqlNode, type JqlOperand, type JqlQuery, type JqlValue } from './jql';
import type { JiraStore, Principal } from './store';
import { DAY, HOUR, MINUTE, parseDay, startOfUtcDay } from './time';

export interface CompiledQuery {
  bounded: boolean;
  matches(issue: DatasetIssue): boolean;
  compare(a: DatasetIssue, b: DatasetIssue): number;
  /** A superset of the matches (all visible issues when the query gives no narrower hint). */
  candidates(): Iterable<DatasetIssue>;
}

type Predicate = (issue: DatasetIssue) => boolean;

interface Context {
  store: JiraStore;
  principal: Principal;
  now: number;
}

type FieldKind = 'ids' | 'date' | 'number' | 'text';

interface FieldDef {
  name: string;
  kind: FieldKind;
  /** For `ids` fields: the issue's values (ids, keys or names as the field stores them). */
  values?: (issue: DatasetIssue, ctx: Context) => readonly string[];
  /** For `ids` fields: a literal to the set of stored values it means (throws when unknown). */
  resolve?: (text: string, ctx: Context, quoted: boolean) => string[];
  functions?: Record<string, (args: string[], ctx: Context) => string[]>;
  /** For `date` and `number` fields. */
  scalar?: (issue: DatasetIssue, ctx: Context) => number | null;
  /** `ids` fields that also allow < <= > >=: a number to order by. */
  ordinal?: (issue: DatasetIssue, ctx: Context) => number | null;
  ordinalOf?: (text: string, ctx: Context) => { value: number; scope?: string };
  text?: (issue: DatasetIssue) => string;
}

const notExist = (value: string, field: string) => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);

function visibleVersions(ctx: Context): DatasetVersion[] {
  return ctx.store.dataset.versions.filter((v) => ctx.store.canBrowse(ctx.principal, v.projectId));
}

function versionsOfProjectArg(ctx: Context, args: string[], fnName: string): DatasetVersion[] {
  const all = visibleVersions(ctx);
  if (args.length === 0) return all;
  const ids = new Set<string>();
  for (const arg of args) {
    const project = ctx.store.findProject(arg);
    if (!project || !ctx.store.canBrowse(ctx.principal, project.id)) throw new JqlError(`Could not resolve the project '${arg}' provided to function '${fnName}'.`);
    ids.add(project.id);
  }
  return all.filter((v) => ids.has(v.projectId));
}

function byReleaseDate(a: DatasetVersion, b: DatasetVersion): number {
  const da = a.releaseDate ?? '9999-99-99';
  const db = b.releaseDate ?? '9999-99-99';
  return da < db ? -1 : da > db ? 1 : a.sequence - b.sequence;
}

function versionField(name: string, values: (issue: DatasetIssue) => string[]): FieldDef {
  return {
    name,
    kind: 'ids',
    values,
    resolve(text, ctx) {
      const byId = ctx.store.versionsById.get(text);
      if (byId && ctx.store.canBrowse(ctx.principal, byId.projectId)) return [byId.id];
      const matches = visibleVersions(ctx).filter((v) => v.name.toLowerCase() === text.toLowerCase());
      if (matches.length === 0) throw notExist(text, name);
      return matches.map((v) => v.id);
    },
    functions: {
      releasedversions: (args, ctx) => versionsOfProjectArg(ctx, args, 'releasedVersions').filter((v) => v.released).map((v) => v.id),
      unreleasedversions: (args, ctx) => versionsOfProjectArg(ctx, args, 'unreleasedVersions').filter((v) => !v.released).map((v) => v.id),
      earliestunreleasedversion: (args, ctx) => {
        const first = versionsOfProjectArg(ctx, args, 'earliestUnreleasedVersion').filter((v) => !v.released && !v.archived).sort(byReleaseDate)[0];
        return first ? [first.id] : [];
      },
      latestreleasedversion: (args, ctx) => {
        const last = versionsOfProjectArg(ctx, args, 'latestReleasedVersion').filter((v) => v.released && !v.archived).sort(byReleaseDate).at(-1);
        return last ? [last.id] : [];
      },
    },
  };
}

function issueResolver(field: string) {
  return (text: string, ctx: Context): string[] => {
    const issue = ctx.store.findIssue(text);
    if (!issue || !ctx.store.canBrowse(ctx.principal, issue.projectId)) {
      throw new JqlError(/^\d+$/.test(text) ? `An issue with id '${text}' does not exist for field '${field}'.` : `An issue with key '${text}' does not exist for field '${field}'.`);
    }
    return [issue.id];
  };
}

function userField(name: string, get: (issue: DatasetIssue) => string | null): FieldDef {
  return {
    name,
    kind: 'ids',
    values: (issue) => {
      const v = get(issue);
      return v ? [v] : [];
    },
    resolve(text, ctx) {
      const user = ctx.store.usersById.get(text) ?? ctx.store.usersByEmail.get(text.toLowerCase()) ?? ctx.store.dataset.users.find((u) => u.displayName.toLowerCase() === text.toLowerCase());
      if (!user) throw notExist(text, name);
      return [user.accountId];
    },
    functions: {
      currentuser: (_args, ctx) => (ctx.principal.user ? [ctx.principal.user.accountId] : []),
    },
  };
}

function dateField(name: string, get: (issue: DatasetIssue, ctx: Context) => number | null): FieldDef {
  return { name, kind: 'date', scalar: get };
}

function namedLookup<T extends { id: string; name: string }>(name: string, list: (ctx: Context) => readonly T[]) {
  return (text: string, ctx: Context): string[] => {
    const items = list(ctx);
    const hit = items.filter((i) => i.id === text || i.name.toLowerCase() === text.toLowerCase());
    if (hit.length === 0) throw notExist(text, name);
    return hit.map((i) => i.id);
  };
}

const FIELDS: FieldDef[] = [
  {
    name: 'project',
    kind: 'ids',
    values: (issue) => [issue.projectId],
    resolve(text, ctx) {
      const project = ctx.store.findProject(text) ?? ctx.store.dataset.projects.find((p) => p.name.toLowerCase() === text.toLowerCase());
      if (!project || !ctx.store.canBrowse(ctx.principal, project.id)) throw notExist(text, 'project');
      return [project.id];
    },
  },
  {
    name: 'key',
    kind: 'ids',
    values: (issue) => [issue.id],
    resolve: issueResolver('key'),
    ordinal: (issue, ctx) => ctx.store.metaOf(issue).number,
    ordinalOf(text, ctx) {
      const [id] = issueResolver('key')(text, ctx);
      const issue = ctx.store.issuesById.get(id as string) as DatasetIssue;
      return { value: ctx.store.metaOf(issue).number, scope: issue.projectId };
    },
    functions: {
      linkedissues(args, ctx) {
        const [keyArg, description] = args;
        if (!keyArg) throw new JqlError("Function 'linkedIssues' expects between 1 and 2 arguments, but got 0.");
        const [id] = issueResolver('issue')(keyArg, ctx);
        const out: string[] = [];
        for (const link of ctx.store.linksOf(id as string)) {
          const type = ctx.store.linkTypesById.get(link.typeId);
          const outgoing = link.sourceIssueId === id;
          const verb = outgoing ? type?.outward : type?.inward;
          if (description && verb?.toLowerCase() !== description.toLowerCase()) continue;
          out.push(outgoing ? link.destinationIssueId : link.sourceIssueId);
        }
        return out;
      },
    },
  },
  {
    name: 'id',
    kind: 'ids',
    values: (issue) => [issue.id],
    resolve: issueResolver('id'),
    ordinal: (issue) => Number(issue.id),
    ordinalOf: (text) => {
      if (!/^\d+$/.test(text)) throw new JqlError(`The value '${text}' is not a valid issue id.`);
      return { value: Number(text) };
    },
  },
  {
    name: 'issuetype',
    kind: 'ids',
    values: (issue) => [issue.issueTypeId],
    resolve: namedLookup('issuetype', (ctx) => ctx.store.dataset.issueTypes),
    functions: {
      standardissuetypes: (_a, ctx) => ctx.store.dataset.issueTypes.filter((t) => !t.subtask).map((t) => t.id),
      subtaskissuetypes: (_a, ctx) => ctx.store.dataset.issueTypes.filter((t) => t.subtask).map((t) => t.id),
    },
  },
  { name: 'status', kind: 'ids', values: (issue) => [issue.statusId], resolve: namedLookup('status', (ctx) => ctx.store.dataset.statuses) },
  {
    name: 'statuscategory',
    kind: 'ids',
    values: (issue, ctx) => [ctx.store.categoryOf(issue.statusId)],
    resolve(text, ctx) {
      const t = text.toLowerCase();
      const hit = ctx.store.dataset.statusCategories.find((c) => c.key === t || c.name.toLowerCase() === t || String(c.id) === t);
      if (!hit) throw notExist(text, 'statusCategory');
      return [hit.key];
    },
  },
  {
    name: 'resolution',
    kind: 'ids',
    values: (issue) => (issue.resolutionId ? [issue.resolutionId] : []),
    resolve(text, ctx) {
      if (text.toLowerCase() === 'unresolved') return [];
      return namedLookup('resolution', (c) => c.store.dataset.resolutions)(text, ctx);
    },
  },
  { name: 'priority', kind: 'ids', values: (issue) => [issue.priorityId], resolve: namedLookup('priority', (ctx) => ctx.store.dataset.priorities) },
  versionField('fixVersion', (issue) => issue.fixVersionIds),
  versionField('affectedVersion', (issue) => issue.affectsVersionIds),
  { name: 'labels', kind: 'ids', values: (issue) => issue.labels, resolve: (text) => [text] },
  {
    name: 'component',
    kind: 'ids',
    values: (issue) => issue.componentIds,
    resolve: namedLookup('component', (ctx) => [...ctx.store.componentsById.values()].filter((c) => ctx.store.canBrowse(ctx.principal, c.projectId))),
  },
  {
    name: 'parent',
    kind: 'ids',
    values: (issue) => (issue.parentId ? [issue.parentId] : []),
    resolve: issueResolver('parent'),
  },
  {
    name: 'flagged',
    kind: 'ids',
    values: (issue) => (issue.flagged ? ['impediment'] : []),
    resolve(text) {
      if (text.toLowerCase() !== 'impediment') throw notExist(text, 'Flagged');
      return ['impediment'];
    },
  },
  userField('assignee', (issue) => issue.assigneeAccountId),
  userField('reporter', (issue) => issue.reporterAccountId),
  dateField('created', (issue, ctx) => ctx.store.metaOf(issue).created),
  dateField('updated', (issue, ctx) => ctx.store.metaOf(issue).updated),
  dateField('resolved', (issue, ctx) => ctx.store.metaOf(issue).resolved),
  { name: 'Story point estimate', kind: 'number', scalar: (issue) => issue.storyPoints },
  { name: 'summary', kind: 'text', text: (issue) => issue.summary },
  { name: 'text', kind: 'text', text: (issue) => issue.summary },
];

const ALIASES: Record<string, string> = {
  issuekey: 'key',
  issue: 'key',
  type: 'issuetype',
  category: 'statuscategory',
  fixversion: 'fixVersion',
  affectedversion: 'affectedVersion',
  component: 'component',
  createddate: 'created',
  updateddate: 'updated',
  resolutiondate: 'resolved',
  resolved: 'resolved',
  'story point estimate': 'Story point estimate',
  'story points': 'Story point estimate',
  storypoints: 'Story point estimate',
};

function fieldNamed(name: string, ctx: Context): FieldDef {
  let lowerName = name.toLowerCase();
  const cf = /^cf\[(\d+)\]$/.exec(lowerName);
  if (cf) lowerName = `customfield_${cf[1]}`;
  const custom = ctx.store.dataset.customFields;
  if (lowerName === custom.storyPoints) lowerName = 'story point estimate';
  if (lowerName === custom.flagged) lowerName = 'flagged';
  const canonical = (ALIASES[lowerName] ?? lowerName).toLowerCase();
  const field = FIELDS.find((f) => f.name.toLowerCase() === canonical);
  if (!field) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  return field;
}

// ---------------------------------------------------------------------------------------------
// Dates

const RELATIVE = /^([+-]?)((?:\d+[wdhm]\s*)+)$/i;

function relativeMs(text: string): number | undefined {
  const match = RELATIVE.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const part of (match[2] as string).matchAll(/(\d+)([wdhm])/gi)) {
    const n = Number(part[1]);
    const unit = (part[2] as string).toLowerCase();
    total += n * (unit === 'w' ? 7 * DAY : unit === 'd' ? DAY : unit === 'h' ? HOUR : MINUTE);
  }
  return match[1] === '-' ? -total : total;
}

function dateLiteral(text: string, ctx: Context, field: string): number {
  const relative = relativeMs(text);
  if (relative !== undefined) return ctx.now + relative;
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (match) {
    const day = parseDay(`${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`);
    if (!Number.isNaN(day)) return day + (match[4] ? Number(match[4]) * HOUR + Number(match[5]) * MINUTE : 0);
  }
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function dateFunction(name: string, args: string[], ctx: Context): number {
  const offset = args[0] ? relativeMs(args[0]) : 0;
  if (offset === undefined) throw new JqlError(`Function '${name}' was given an invalid increment '${args[0]}'.`);
  const day = startOfUtcDay(ctx.now);
  const d = new Date(day);
  const weekStart = day - ((d.getUTCDay() + 6) % 7) * DAY; // Monday
  switch (name.toLowerCase()) {
    case 'now':
      return ctx.now;
    case 'startofday':
      return day + offset;
    case 'endofday':
      return day + DAY - 1 + offset;
    case 'startofweek':
      return weekStart + offset;
    case 'endofweek':
      return weekStart + 7 * DAY - 1 + offset;
    case 'startofmonth':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) + offset;
    case 'endofmonth':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1 + offset;
    case 'startofyear':
      return Date.UTC(d.getUTCFullYear(), 0, 1) + offset;
    case 'endofyear':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1) - 1 + offset;
    default:
      throw new JqlError(`Unable to find JQL function '${name}(${args.join(', ')})'.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Clauses

function unsupported(operator: string, field: FieldDef): JqlError {
  return new JqlError(`The operator '${operator.toUpperCase()}' is not supported by the '${field.name}' field.`);
}

function operandValues(operand: JqlOperand): JqlValue[] {
  return operand.kind === 'list' ? operand.items : [operand];
}

function compileIds(field: FieldDef, clause: JqlClause, ctx: Context): Predicate {
  const values = field.values as NonNullable<FieldDef['values']>;
  const { operator } = clause;
  if (operator === 'is' || operator === 'is not') {
    const wantEmpty = operator === 'is';
    return (issue) => (values(issue, ctx).length === 0) === wantEmpty;
  }
  if (operator === '~' || operator === '!~') throw unsupported(operator, field);
  if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') {
    if (!field.ordinal || !field.ordinalOf || clause.operand.kind !== 'literal') throw unsupported(operator, field);
    const { value, scope } = field.ordinalOf(clause.operand.text, ctx);
    const ordinal = field.ordinal;
    const test = operator === '<' ? (n: number) => n < value : operator === '<=' ? (n: number) => n <= value : operator === '>' ? (n: number) => n > value : (n: number) => n >= value;
    return (issue) => {
      if (scope !== undefined && issue.projectId !== scope) return false;
      const n = ordinal(issue, ctx);
      return n !== null && test(n);
    };
  }
  if ((operator === '=' || operator === '!=') && clause.operand.kind === 'list') throw new JqlError(`The operator '${operator}' does not support a list of values. Use 'IN' or 'NOT IN'.`);
  const wanted = new Set<string>();
  let matchEmpty = false;
  for (const value of operandValues(clause.operand)) {
    if (value.kind === 'empty') {
      matchEmpty = true;
    } else if (value.kind === 'function') {
      const fn = field.functions?.[value.name.toLowerCase()];
      if (!fn) {
        if (['now', 'startofday', 'endofday', 'startofweek', 'endofweek', 'startofmonth', 'endofmonth', 'startofyear', 'endofyear', 'currentuser', 'releasedversions', 'unreleasedversions', 'linkedissues', 'standardissuetypes', 'subtaskissuetypes', 'earliestunreleasedversion', 'latestreleasedversion'].includes(value.name.toLowerCase())) {
          throw new JqlError(`Function '${value.name}' does not support the field '${field.name}'.`);
        }
        throw new JqlError(`Unable to find JQL function '${value.name}(${value.args.join(', ')})'.`);
      }
      for (const id of fn(value.args, ctx)) wanted.add(id);
    } else {
      const resolved = (field.resolve as NonNullable<FieldDef['resolve']>)(value.text, ctx, value.quoted);
      if (resolved.length === 0) matchEmpty = true; // e.g. resolution = Unresolved
      for (const id of resolved) wanted.add(id);
    }
  }
  const positive = operator === '=' || operator === 'in';
  return (issue) => {
    const vs = values(issue, ctx);
    if (vs.length === 0) return positive && matchEmpty;
    let hit = false;
    for (const v of vs) {
      if (wanted.has(v)) {
        hit = true;
        break;
      }
    }
    return positive ? hit : !hit;
  };
}

function compileScalar(field: FieldDef, clause: JqlClause, ctx: Context): Predicate {
  const scalar = field.scalar as NonNullable<FieldDef['scalar']>;
  const { operator } = clause;
  if (operator === 'is' || operator === 'is not') {
    const wantEmpty = operator === 'is';
    return (issue) => (scalar(issue, ctx) === null) === wantEmpty;
  }
  if (operator === '~' || operator === '!~') throw unsupported(operator, field);
  const toNumber = (value: JqlValue): number | null => {
    if (value.kind === 'empty') return null;
    if (field.kind === 'date') return value.kind === 'function' ? dateFunction(value.name, value.args, ctx) : dateLiteral(value.text, ctx, field.name);
    if (value.kind === 'function') throw new JqlError(`Function '${value.name}' does not support the field '${field.name}'.`);
    const n = Number(value.text);
    if (!Number.isFinite(n) || value.text.trim() === '') throw new JqlError(`The value '${value.text}' is not a valid number for the field '${field.name}'.`);
    return n;
  };
  if (operator === 'in' || operator === 'not in') {
    const list = operandValues(clause.operand).map(toNumber);
    const set = new Set(list.filter((n): n is number => n !== null));
    const withEmpty = list.includes(null);
    const positive = operator === 'in';
    return (issue) => {
      const n = scalar(issue, ctx);
      if (n === null) return positive && withEmpty;
      return positive ? set.has(n) : !set.has(n) && !withEmpty;
    };
  }
  if (clause.operand.kind === 'list') throw new JqlError(`The operator '${operator}' does not support a list of values. Use 'IN' or 'NOT IN'.`);
  const target = toNumber(clause.operand);
  if (target === null) {
    if (operator === '=') return (issue) => scalar(issue, ctx) === null;
    if (operator === '!=') return (issue) => scalar(issue, ctx) !== null;
    throw new JqlError(`The operator '${operator}' does not support the EMPTY value.`);
  }
  const test =
    operator === '='
      ? (n: number) => n === target
      : operator === '!='
        ? (n: number) => n !== target
        : operator === '<'
          ? (n: number) => n < target
          : operator === '<='
            ? (n: number) => n <= target
            : operator === '>'
              ? (n: number) => n > target
              : (n: number) => n >= target;
  return (issue) => {
    const n = scalar(issue, ctx);
    return n !== null && test(n);
  };
}

function compileText(field: FieldDef, clause: JqlClause): Predicate {
  const { operator } = clause;
  if (operator !== '~' && operator !== '!~') throw unsupported(operator, field);
  if (clause.operand.kind !== 'literal') throw new JqlError(`The field '${field.name}' only accepts text values.`);
  const terms = clause.operand.text
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/\*$/, ''))
    .filter(Boolean);
  const text = field.text as NonNullable<FieldDef['text']>;
  const contains: Predicate = (issue) => {
    const hay = text(issue).toLowerCase();
    return terms.every((t) => hay.includes(t));
  };
  return operator === '~' ? contains : (issue) => !contains(issue);
}

function compileNode(node: JqlNode, ctx: Context): Predicate {
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map((c) => compileNode(c, ctx));
      return (issue) => parts.every((p) => p(issue));
    }
    case 'or': {
      const parts = node.children.map((c) => compileNode(c, ctx));
      return (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileNode(node.child, ctx);
      return (issue) => !inner(issue);
    }
    case 'clause': {
      const field = fieldNamed(node.field, ctx);
      if (field.kind === 'ids') return compileIds(field, node, ctx);
      if (field.kind === 'text') return compileText(field, node);
      return compileScalar(field, node, ctx);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Candidates: `project = X`, `key in (...)` at the top level narrow the scan.

function candidateHint(node: JqlNode | undefined, ctx: Context): DatasetIssue[] | undefined {
  if (!node) return undefined;
  if (node.kind === 'and') {
    for (const child of node.children) {
      const hint = candidateHint(child, ctx);
      if (hint) return hint;
    }
    return undefined;
  }
  if (node.kind === 'or') {
    const parts = node.children.map((c) => candidateHint(c, ctx));
    if (parts.some((p) => p === undefined)) return undefined;
    const seen = new Set<DatasetIssue>();
    for (const part of parts) for (const issue of part as DatasetIssue[]) seen.add(issue);
    return [...seen];
  }
  if (node.kind !== 'clause' || (node.operator !== '=' && node.operator !== 'in') || node.operand.kind === 'empty') return undefined;
  const name = node.field.toLowerCase();
  const literals = operandValues(node.operand);
  if (literals.some((v) => v.kind !== 'literal')) return undefined;
  const texts = literals.map((v) => (v as { text: string }).text);
  if (name === 'project') {
    return texts.flatMap((t) => {
      const project = ctx.store.findProject(t) ?? ctx.store.dataset.projects.find((p) => p.name.toLowerCase() === t.toLowerCase());
      return project ? (ctx.store.issuesByProject.get(project.id) ?? []) : [];
    });
  }
  if (name === 'key' || name === 'issuekey' || name === 'issue' || name === 'id') {
    return texts.map((t) => ctx.store.findIssue(t)).filter((i): i is DatasetIssue => i !== undefined);
  }
  if (name === 'parent') {
    return texts.flatMap((t) => {
      const parent = ctx.store.findIssue(t);
      return parent ? ctx.store.childrenOf(parent.id) : [];
    });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Order

function sortKey(field: string, ctx: Context): (issue: DatasetIssue) => number | string | null {
  const name = field.toLowerCase();
  const { store } = ctx;
  switch (ALIASES[name]?.toLowerCase() ?? name) {
    case 'key':
    case 'rank':
      return (issue) => store.metaOf(issue).rank;
    case 'id':
      return (issue) => Number(issue.id);
    case 'created':
      return (issue) => store.metaOf(issue).created;
    case 'updated':
      return (issue) => store.metaOf(issue).updated;
    case 'resolved':
      return (issue) => store.metaOf(issue).resolved;
    case 'priority': {
      // Jira sorts priorities by importance: DESC puts Highest first.
      const order = new Map(store.dataset.priorities.map((p, i) => [p.id, store.dataset.priorities.length - i]));
      return (issue) => order.get(issue.priorityId) ?? null;
    }
    case 'status': {
      const order = new Map(store.dataset.statuses.map((s, i) => [s.id, i]));
      return (issue) => order.get(issue.statusId) ?? null;
    }
    case 'summary':
      return (issue) => issue.summary.toLowerCase();
    case 'story point estimate':
    case store.dataset.customFields.storyPoints:
      return (issue) => issue.storyPoints;
    case 'project':
      return (issue) => store.projectsById.get(issue.projectId)?.key ?? '';
    default:
      if (FIELDS.some((f) => f.name.toLowerCase() === name)) throw new JqlError(`Not able to sort using field '${field}'.`);
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

function comparator(query: JqlQuery, ctx: Context): (a: DatasetIssue, b: DatasetIssue) => number {
  const sorts = [...query.orderBy, { field: 'key', direction: 'asc' as const }].map((s) => ({ key: sortKey(s.field, ctx), sign: s.direction === 'desc' ? -1 : 1 }));
  return (a, b) => {
    for (const { key, sign } of sorts) {
      const va = key(a);
      const vb = key(b);
      if (va === vb) continue;
      // Empty values sort last ascending, first descending (as in Jira).
      if (va === null) return sign;
      if (vb === null) return -sign;
      return (va < vb ? -1 : 1) * sign;
    }
    return 0;
  };
}

export function compileJql(jql: string, store: JiraStore, principal: Principal, now: number): CompiledQuery {
  const query = parseJql(jql);
  const ctx: Context = { store, principal, now };
  const predicate = query.where ? compileNode(query.where, ctx) : () => true;
  const compare = comparator(query, ctx);
  const visible = new Set(store.visibleProjects(principal).map((p) => p.id));
  return {
    bounded: query.where !== undefined,
    matches: (issue) => visible.has(issue.projectId) && predicate(issue),
    compare,
    candidates() {
      const hint = candidateHint(query.where, ctx);
      if (hint) return new Set(hint);
      return store.visibleProjects(principal).flatMap((p) => store.issuesByProject.get(p.id) ?? []);
    },
  };
}

/** The matching issues, in the query's order. */
export function matchingIssues(compiled: CompiledQuery): DatasetIssue[] {
  const out: DatasetIssue[] = [];
  for (const issue of compiled.candidates()) if (compiled.matches(issue)) out.push(issue);
  return out.sort(compiled.compare);
}

export function runJql(jql: string, store: JiraStore, principal: Principal, now: number): DatasetIssue[] {
  return matchingIssues(compileJql(jql, store, principal, now));
}
