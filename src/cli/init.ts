export async function initCommand(_a: { dir: string }, _io: unknown): Promise<number> { return 0; }
