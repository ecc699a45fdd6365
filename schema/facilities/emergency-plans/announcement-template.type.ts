import { Field, ObjectType } from 'type-graphql';

/** What residents are told when a plan's fault interrupts supply (公告模板), in English and Chinese. */
@ObjectType('AnnouncementTemplate', {
  description: 'The notice drafted for an incident the plan opens: Chinese and English, one body each.',
})
export class AnnouncementTemplateType {
  @Field()
  title!: string;

  @Field()
  titleZh!: string;

  @Field()
  body!: string;

  @Field()
  bodyZh!: string;
}
