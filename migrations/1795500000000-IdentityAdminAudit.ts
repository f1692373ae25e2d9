import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAdminAudit1795500000000 implements MigrationInterface {
  name = 'IdentityAdminAudit1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_units" DROP CONSTRAINT "fk_user_units_user"`);
    await queryRunner.query(`ALTER TABLE "user_units" DROP CONSTRAINT "fk_user_units_unit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d3a73e254af5ee54e4e03ff2af"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_396354fec885be8f598f4137d0"`);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_role" character varying(32), "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" uuid, "organisation_id" uuid, "fields_read" text array, "changes" jsonb, "ip" inet, "user_agent" character varying(512), "request_id" character varying(100), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_actor_user" ON "audit_events"  ("actor_user_id", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events"  ("occurred_at") `);
    // Append-only, enforced by the database for every role, the owner and superusers included:
    // rows are never updated or deleted, and the table is never truncated.
    await queryRunner.query(`
      CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC`);
    // Existing memberships take their user's organisation; the composite keys below then hold.
    await queryRunner.query(`ALTER TABLE "user_units" ADD "organisation_id" uuid`);
    await queryRunner.query(
      `UPDATE "user_units" m SET "organisation_id" = u."organisation_id" FROM "users" u WHERE u."id" = m."user_id"`,
    );
    await queryRunner.query(`ALTER TABLE "user_units" ALTER COLUMN "organisation_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organisations_single_host" ON "organisations"  ("kind") WHERE "kind" = 'host'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_units_unit" ON "user_units"  ("unit_id") `);
    await queryRunner.query(
      `ALTER TABLE "service_units" ADD CONSTRAINT "uq_service_units_id_organisation" UNIQUE ("id", "organisation_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "uq_users_id_organisation" UNIQUE ("id", "organisation_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_units" ADD CONSTRAINT "fk_user_units_user" FOREIGN KEY ("user_id", "organisation_id") REFERENCES "users"("id","organisation_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_units" ADD CONSTRAINT "fk_user_units_unit" FOREIGN KEY ("unit_id", "organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_units" DROP CONSTRAINT "fk_user_units_unit"`);
    await queryRunner.query(`ALTER TABLE "user_units" DROP CONSTRAINT "fk_user_units_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "uq_users_id_organisation"`);
    await queryRunner.query(`ALTER TABLE "service_units" DROP CONSTRAINT "uq_service_units_id_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_units_unit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisations_single_host"`);
    await queryRunner.query(`ALTER TABLE "user_units" DROP COLUMN "organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_entity"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(
      `CREATE INDEX "IDX_396354fec885be8f598f4137d0" ON "user_units" USING btree ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d3a73e254af5ee54e4e03ff2af" ON "user_units" USING btree ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "user_units" ADD CONSTRAINT "fk_user_units_unit" FOREIGN KEY ("unit_id") REFERENCES "service_units"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_units" ADD CONSTRAINT "fk_user_units_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }
}
