import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatIssues, type Issue } from '../errors/issues';
import { memberStatusValues, type DirectoryMember, type ResourceDirectory } from '../models/directory';
import type { World } from '../models/world';

const uid = z.string().regex(/^\d{1,20}$/, 'an account ID (digits)');
const folderId = z
  .string()
  .regex(/^(fd-[A-Za-z0-9]{10}|r-[A-Za-z0-9]{6})$/, 'a folder id: r- + 6 or fd- + 10 letters or digits');

const MemberBody = z.strictObject({
  accountId: uid,
  folderId,
  displayName: z.string().min(1).optional(),
  status: z.enum(memberStatusValues).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

const DirectoryBody = z.strictObject({
  id: z
    .string()
    .regex(/^rd-[A-Za-z0-9]+$/)
    .optional(),
  managementAccountId: uid,
  delegatedAdmins: z.array(uid).optional(),
  rootFolderId: z
    .string()
    .regex(/^r-[A-Za-z0-9]{6}$/)
    .optional(),
  folders: z.array(z.strictObject({ id: folderId, name: z.string().min(1), parentId: folderId.optional() })).optional(),
  members: z.array(MemberBody).optional(),
});

type Reply = (res: ServerResponse, status: number, body: unknown) => void;

/**
 * `POST /directory` replaces the Resource Directory (its management account, delegated
 * administrators, folders under the root, members); `POST /directory/members` joins one member later
 * (into an existing folder; it is listed from the next ListAccounts on); `GET /directory` reads it.
 */
export function directoryEndpoints(
  reply: Reply,
  invalid: (res: ServerResponse, issues: Issue[]) => void,
  parse: (body: Buffer) => { ok: true; value: unknown } | { ok: false; issues: Issue[] },
): Record<string, (e: { world: World; clock(): number }, res: ServerResponse, url: URL, body: Buffer) => void> {
  return {
    'GET /directory': (e, res) => reply(res, 200, e.world.directory ? snapshotDirectory(e.world.directory) : null),
    'POST /directory': (e, res, _url, body) => {
      const json = parse(body);
      if (!json.ok) return invalid(res, json.issues);
      const parsed = DirectoryBody.safeParse(json.value);
      if (!parsed.success) return invalid(res, formatIssues(parsed.error));
      const d = parsed.data;
      const root = d.rootFolderId ?? 'r-emu001';
      const directory: ResourceDirectory = {
        id: d.id ?? 'rd-emu001',
        managementAccountId: d.managementAccountId,
        delegatedAdmins: d.delegatedAdmins ?? [],
        folders: new Map([[root, { id: root, name: 'Root' }]]),
        members: new Map(),
      };
      for (const f of d.folders ?? []) directory.folders.set(f.id, { ...f, parentId: f.parentId ?? root });
      const issues = (d.members ?? []).flatMap((m, i) => joinMember(directory, m, e.clock(), `members[${i}]`));
      if (issues.length > 0) return invalid(res, issues);
      e.world.directory = directory;
      reply(res, 200, snapshotDirectory(directory));
    },
    'POST /directory/members': (e, res, _url, body) => {
      const json = parse(body);
      if (!json.ok) return invalid(res, json.issues);
      const parsed = MemberBody.safeParse(json.value);
      if (!parsed.success) return invalid(res, formatIssues(parsed.error));
      const directory = e.world.directory;
      if (!directory)
        return invalid(res, [{ path: '(body)', message: 'no resource directory: POST /directory first' }]);
      const issues = joinMember(directory, parsed.data, e.clock(), '(body)');
      if (issues.length > 0) return invalid(res, issues);
      reply(res, 200, snapshotDirectory(directory));
    },
  };
}

function joinMember(directory: ResourceDirectory, m: z.output<typeof MemberBody>, now: number, path: string): Issue[] {
  if (!directory.folders.has(m.folderId)) return [{ path: `${path}.folderId`, message: `no folder ${m.folderId}` }];
  if (directory.members.has(m.accountId)) return [{ path: `${path}.accountId`, message: 'already a member' }];
  const member: DirectoryMember = {
    accountId: m.accountId,
    displayName: m.displayName ?? `member-${m.accountId}`,
    folderId: m.folderId,
    status: m.status ?? 'CreateSuccess',
    type: m.status === 'InviteSuccess' ? 'CloudAccount' : 'ResourceAccount',
    joinMethod: m.status === 'InviteSuccess' ? 'invited' : 'created',
    joinTime: new Date(now + directory.members.size).toISOString(),
    tags: m.tags ?? {},
  };
  directory.members.set(m.accountId, member);
  return [];
}

function snapshotDirectory(d: ResourceDirectory): Record<string, unknown> {
  return {
    id: d.id,
    managementAccountId: d.managementAccountId,
    delegatedAdmins: d.delegatedAdmins,
    folders: [...d.folders.values()],
    members: [...d.members.values()],
  };
}
