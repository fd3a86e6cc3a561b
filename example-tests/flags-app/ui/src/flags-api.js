// Reads the flags of a namespace from the HTTP API.
export async function listFlags(namespace, token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`/api/v1/namespaces/${encodeURIComponent(namespace)}/flags`, { headers });
  if (response.status === 401) {
    throw new Error("This server needs a token.");
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error || `HTTP ${response.status}`);
  }
  return (await response.json()).flags;
}
