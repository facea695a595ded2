import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { isEmulator, lookedUpZones, prepareLocalEndpoint } from "../../scripts/emulator/lookups";

/** An output folder with one stack per entry, each a cdk.tf.json with the given `data` block. */
function outputFolder(stacks: Record<string, object>): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lookups-"));
  for (const [stack, data] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(out, "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), JSON.stringify({ data }));
  }
  return out;
}

const PROD = { aws_route53_zone: { example: { name: "example.com", private_zone: false } } };

/** A local HTTP server that answers every request with `status` and records what it was asked. */
async function endpoint(status: number): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("lookedUpZones", () => {
  it("reads the hosted zones each stack looks up, by literal name", () => {
    const out = outputFolder({
      dev: {},
      prod: {
        aws_route53_zone: {
          example: { name: "example.com.", private_zone: false },
          computed: { name: "${var.zone}" },
        },
      },
    });
    expect(lookedUpZones(out, ["dev", "prod"])).toEqual([{ stack: "prod", name: "example.com", privateZone: false }]);
  });
});

describe("prepareLocalEndpoint: local mode only", () => {
  it("does nothing without an endpoint (real AWS)", async () => {
    expect(await prepareLocalEndpoint(outputFolder({ prod: PROD }), ["prod"], {})).toEqual([]);
  });

  it.each([404, 403, 500])(
    "creates nothing against an endpoint that is not the emulator (/moto-api/ answers %i): its one request is the probe",
    async (status) => {
      const server = await endpoint(status);
      try {
        const lines = await prepareLocalEndpoint(outputFolder({ prod: PROD }), ["prod"], {
          AWS_ENDPOINT_URL: server.url,
        });
        expect(lines).toEqual([]);
        expect(server.requests).toEqual(["GET /moto-api/"]);
      } finally {
        await server.close();
      }
    },
  );

  it("asks nothing at all when no stack looks anything up", async () => {
    const server = await endpoint(200);
    try {
      expect(await prepareLocalEndpoint(outputFolder({ dev: {} }), ["dev"], { AWS_ENDPOINT_URL: server.url })).toEqual(
        [],
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("isEmulator", () => {
  it("is true when /moto-api/ answers 200, false when it does not or nothing listens", async () => {
    const moto = await endpoint(200);
    const other = await endpoint(404);
    try {
      expect(await isEmulator(moto.url)).toBe(true);
      expect(await isEmulator(other.url)).toBe(false);
    } finally {
      await moto.close();
      await other.close();
    }
    expect(await isEmulator(other.url)).toBe(false);
    expect(await isEmulator("not a url")).toBe(false);
  });
});
